import type { APIGatewayEventIdentity, APIGatewayProxyEvent } from 'aws-lambda';
import { type AuthorizerResult, requestTimeOf } from '../gateway/request-facts.js';
import { gatewayRequestHeaders } from '../gateway/forwarded-headers.js';
import { firstHeader } from '../gateway/headers.js';
import { headerMaps, queryMaps } from '../gateway/multi-value-maps.js';
import { encodeEventBody } from './request-body.js';
import type { RoutedRequest } from './routed-request.js';

/**
 * The identity block of an HTTP API 1.0 event: as in AWS's sample, without the REST-only API key fields.
 */
export type HttpApiIdentityV1 = Omit<APIGatewayEventIdentity, 'apiKey' | 'apiKeyId' | 'vpcId' | 'vpceId'>;

/**
 * The HTTP API flavour of the 1.0 event. `@types/aws-lambda` models the REST event, where `resourceId` is
 * a string; HTTP APIs send `null` there and carry `version`, `routeKey`-less context fields (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html).
 */
export type HttpApiEventV1 = Omit<APIGatewayProxyEvent, 'requestContext'> & {
  readonly version: '1.0';
  readonly requestContext: Omit<APIGatewayProxyEvent['requestContext'], 'resourceId' | 'identity'> & {
    readonly resourceId: null;
    readonly identity: HttpApiIdentityV1;
  };
};

/**
 * The payload format 1.0 event (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html). Single-value `headers`/`queryStringParameters` keep the last
 * value of a repeated name; the `multiValue…` maps keep all. Empty maps are `null`, cookies stay in the
 * `cookie` header. `path` and `requestContext.path` keep the stage prefix, like 2.0's `rawPath`
 * (unconfirmed); `resource`/`resourcePath` are the route's path template, or `$default` (unconfirmed).
 */
export function buildEventV1(routed: RoutedRequest): HttpApiEventV1 {
  const { request, match, stage, facts } = routed;
  const headers = headerMaps(gatewayRequestHeaders(request.headers, facts, 'lower'));
  const query = queryMaps(request.rawQueryString);
  const body = encodeEventBody(request.body, firstHeader(request.headers, 'content-type'));
  const resource = match.pathTemplate;
  return {
    version: '1.0',
    resource,
    path: request.path,
    httpMethod: request.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: query.present ? query.single : null,
    multiValueQueryStringParameters: query.present ? query.multi : null,
    requestContext: {
      accountId: facts.accountId,
      apiId: facts.apiId,
      authorizer: authorizerV1(facts.authorizer),
      domainName: facts.domainName,
      domainPrefix: facts.domainPrefix,
      extendedRequestId: facts.requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        caller: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: facts.identity.sourceIp,
        user: null,
        userAgent: facts.identity.userAgent ?? null,
        userArn: null,
        clientCert: null,
      },
      path: request.path,
      protocol: 'HTTP/1.1',
      requestId: facts.requestId,
      requestTime: requestTimeOf(facts),
      requestTimeEpoch: facts.requestTimeEpoch,
      resourceId: null,
      resourcePath: resource,
      stage: facts.stage,
    },
    pathParameters: Object.keys(match.pathParameters).length > 0 ? { ...match.pathParameters } : null,
    stageVariables: Object.keys(stage.stageVariables).length > 0 ? { ...stage.stageVariables } : null,
    body: body.body ?? null,
    isBase64Encoded: body.isBase64Encoded,
  };
}

/**
 * `requestContext.authorizer` of a 1.0 event: JWT claims and scopes (the shape of AWS's sample, with nulls
 * when no authorizer ran), a Lambda authorizer's `principalId` and context keys, or the IAM caller.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
function authorizerV1(authorizer: AuthorizerResult | undefined): HttpApiEventV1['requestContext']['authorizer'] {
  switch (authorizer?.kind) {
    case undefined:
      return { claims: null, scopes: null };
    case 'jwt':
      return { claims: { ...authorizer.claims }, scopes: authorizer.scopes === null ? null : [...authorizer.scopes] };
    case 'lambda':
      return { ...(authorizer.principalId !== undefined && { principalId: authorizer.principalId }), ...authorizer.context };
    case 'iam': {
      const { kind: _kind, ...caller } = authorizer;
      return { iam: caller };
    }
  }
}
