import type {
  APIGatewayEventRequestContextIAMAuthorizer,
  APIGatewayEventRequestContextJWTAuthorizer,
  APIGatewayEventRequestContextLambdaAuthorizer,
  APIGatewayEventRequestContextV2,
  APIGatewayProxyEventV2WithRequestContext,
} from 'aws-lambda';
import { type AuthorizerResult, requestTimeOf } from '../gateway/request-facts.js';
import { gatewayRequestHeaders } from '../gateway/forwarded-headers.js';
import { firstHeader } from '../gateway/headers.js';
import { groupQueryParameters, parseQueryString } from '../gateway/query-string.js';
import { encodeEventBody } from './request-body.js';
import type { RoutedRequest } from './routed-request.js';

/** `requestContext.authorizer` of a 2.0 event, one shape per authorizer kind (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html). */
export type HttpApiAuthorizerV2 =
  | APIGatewayEventRequestContextJWTAuthorizer
  | APIGatewayEventRequestContextLambdaAuthorizer<Readonly<Record<string, string | number | boolean | null>> | null>
  | APIGatewayEventRequestContextIAMAuthorizer;

/** The 2.0 event: `@types/aws-lambda`'s, with the authorizer block present only when an authorizer ran. */
export type HttpApiEventV2 = APIGatewayProxyEventV2WithRequestContext<
  APIGatewayEventRequestContextV2 & { readonly authorizer?: HttpApiAuthorizerV2 }
>;

/**
 * The payload format 2.0 event (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html). Empty collections are omitted rather than null; `cookie`
 * headers become `cookies` and leave `headers`; repeated headers and query parameters are joined with
 * `,`; `rawPath` keeps the stage prefix (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html) while `routeKey`/`pathParameters` use the stripped path.
 * `requestContext.authorizer` is there only when an authorizer allowed the call (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 */
export function buildEventV2(routed: RoutedRequest): HttpApiEventV2 {
  const { request, match, stage, facts } = routed;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of gatewayRequestHeaders(request.headers, facts, 'lower')) {
    if (name === 'cookie') {
      cookies.push(...splitCookies(value));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const query: Record<string, string> = {};
  for (const [name, values] of groupQueryParameters(parseQueryString(request.rawQueryString))) {
    query[name] = values.join(',');
  }
  const body = encodeEventBody(request.body, firstHeader(request.headers, 'content-type'));
  // One literal of fixed shape, whatever the request: what a request lacks is undefined, so absent from the
  // event's JSON (conditional spreads, one object each, cost more than the rest of the event put together).
  return {
    version: '2.0',
    routeKey: facts.routeKey,
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    cookies: cookies.length > 0 ? cookies : undefined,
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    requestContext: {
      accountId: facts.accountId,
      apiId: facts.apiId,
      authorizer: facts.authorizer === undefined ? undefined : authorizerV2(facts.authorizer),
      domainName: facts.domainName,
      domainPrefix: facts.domainPrefix,
      http: {
        method: request.method,
        path: request.path,
        // API Gateway talks HTTP/1.1 to integrations whatever the client used ($context.protocol).
        protocol: 'HTTP/1.1',
        sourceIp: facts.identity.sourceIp,
        userAgent: facts.identity.userAgent ?? '',
      },
      requestId: facts.requestId,
      routeKey: facts.routeKey,
      stage: facts.stage,
      time: requestTimeOf(facts),
      timeEpoch: facts.requestTimeEpoch,
    },
    pathParameters: Object.keys(match.pathParameters).length > 0 ? { ...match.pathParameters } : undefined,
    stageVariables: Object.keys(stage.stageVariables).length > 0 ? { ...stage.stageVariables } : undefined,
    body: body.body,
    isBase64Encoded: body.isBase64Encoded,
  };
}

/** `a=1; b=2` → `['a=1', 'b=2']` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html: every cookie of every `Cookie` header, trimmed). */
export function splitCookies(header: string): string[] {
  return header
    .split(';')
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/**
 * `requestContext.authorizer` of a 2.0 event, by authorizer kind: `{ jwt: { claims, scopes } }`,
 * `{ lambda: context }` or `{ iam: caller }`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
function authorizerV2(authorizer: AuthorizerResult): HttpApiAuthorizerV2 {
  switch (authorizer.kind) {
    case 'jwt':
      return { jwt: { claims: { ...authorizer.claims }, scopes: authorizer.scopes === null ? null : [...authorizer.scopes] } };
    case 'lambda':
      return { lambda: authorizer.context === null ? null : { ...authorizer.context } };
    case 'iam': {
      const { kind: _kind, ...caller } = authorizer;
      return { iam: { ...caller, cognitoIdentity: null } };
    }
  }
}
