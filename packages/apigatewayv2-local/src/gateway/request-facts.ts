import { formatClfTime } from './clf-time.js';
import { firstHeader, type HeaderList } from './headers.js';
import type { ReceivedRequest } from './received-request.js';

/**
 * What an authorizer established about the caller, by authorizer kind. The event builders render it in the
 * shape each payload expects (`requestContext.authorizer`).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export type AuthorizerResult =
  /** JWT authorizer: the token's claims, every value as text, and its scopes (`null` without a scope claim). */
  | { readonly kind: 'jwt'; readonly claims: Readonly<Record<string, string>>; readonly scopes: readonly string[] | null }
  /** Lambda authorizer: the principal (IAM policy responses) and the context it returned, values as returned. */
  | {
      readonly kind: 'lambda';
      readonly principalId?: string;
      readonly context: Readonly<Record<string, string | number | boolean | null>> | null;
    }
  /** IAM authorization: who signed the request. */
  | {
      readonly kind: 'iam';
      readonly accessKey: string;
      readonly accountId: string;
      readonly callerId: string;
      readonly principalOrgId: string;
      readonly userArn: string;
      readonly userId: string;
    };

/** Who called, as far as the gateway knows without an authorizer. */
export interface RequestIdentity {
  /** Client IP of the TCP connection (`$context.identity.sourceIp`). */
  readonly sourceIp: string;
  /** The `User-Agent` header, when there was one. */
  readonly userAgent: string | undefined;
}

/**
 * The facts of one request that every protocol shares, computed once when the request is routed: the HTTP
 * 1.0 and 2.0 events, the WebSocket events and the `$context.*` variables all read them from here.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export interface RequestFacts {
  readonly apiId: string;
  readonly accountId: string;
  /** `$context.requestId` = `$context.extendedRequestId`. */
  readonly requestId: string;
  /** When the gateway received the request, ms since epoch. */
  readonly requestTimeEpoch: number;
  /** The Host the client used, e.g. `127.0.0.1:3000` (stands in for `{apiId}.execute-api.{region}.amazonaws.com`). */
  readonly domainName: string;
  /** The first label of `domainName`; the apiId when the client used an IP address or `localhost`. */
  readonly domainPrefix: string;
  readonly stage: string;
  readonly routeKey: string;
  readonly identity: RequestIdentity;
  /** Set when an authorizer allowed the call. */
  readonly authorizer?: AuthorizerResult;
}

/** Host used when a request carries none (HTTP/1.0 clients). */
export const DEFAULT_DOMAIN_NAME = '127.0.0.1';

/** The inputs of `requestFacts`: the routed request and the ids the gateway gave it. */
export interface RequestFactsInput {
  readonly apiId: string;
  readonly accountId: string;
  readonly requestId: string;
  readonly stage: string;
  readonly routeKey: string;
  readonly request: Pick<ReceivedRequest, 'headers' | 'sourceIp' | 'receivedAtMs'>;
}

export function requestFacts(input: RequestFactsInput): RequestFacts {
  const { headers, sourceIp, receivedAtMs } = input.request;
  const domainName = domainNameOf(headers);
  return {
    apiId: input.apiId,
    accountId: input.accountId,
    requestId: input.requestId,
    requestTimeEpoch: receivedAtMs,
    domainName,
    domainPrefix: domainPrefixOf(domainName, input.apiId),
    stage: input.stage,
    routeKey: input.routeKey,
    identity: { sourceIp, userAgent: firstHeader(headers, 'user-agent') },
  };
}

/** The Host the client used: the request's `Host` header. */
export function domainNameOf(headers: HeaderList): string {
  return firstHeader(headers, 'host') ?? DEFAULT_DOMAIN_NAME;
}

/** `$context.requestTime` / `requestContext.time`: Common Log Format, UTC. */
export function requestTimeOf(facts: RequestFacts): string {
  return formatClfTime(facts.requestTimeEpoch);
}

/**
 * `requestContext.domainPrefix`: the first label of the host. When the client used an IP address or
 * `localhost`, the local host stands in for `{apiId}.execute-api…`, so the prefix is the apiId.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export function domainPrefixOf(domainName: string, apiId: string): string {
  if (domainName === lastPrefix.domainName && apiId === lastPrefix.apiId) return lastPrefix.prefix;
  const host = domainName.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  const local = host === '' || host === 'localhost' || /^[\d.]+$/.test(host) || host.includes(':');
  lastPrefix = { domainName, apiId, prefix: local ? apiId : host.split('.', 1)[0] };
  return lastPrefix.prefix;
}

/** Clients of one local port send the same Host on every request: the last answer is kept. */
let lastPrefix = { domainName: '', apiId: '', prefix: '' };

/**
 * The `$context` variables every protocol has (API Gateway's logging and mapping variables);
 * protocol cores add their own (`httpMethod`, `connectionId` …) and fall back to this one.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export function factContextVariable(facts: RequestFacts, name: string): string | undefined {
  switch (name) {
    case 'accountId':
      return facts.accountId;
    case 'apiId':
      return facts.apiId;
    case 'domainName':
      return facts.domainName;
    case 'domainPrefix':
      return facts.domainPrefix;
    case 'requestId':
    case 'extendedRequestId':
      return facts.requestId;
    case 'requestTime':
      return requestTimeOf(facts);
    case 'requestTimeEpoch':
      return String(facts.requestTimeEpoch);
    case 'routeKey':
      return facts.routeKey;
    case 'stage':
      return facts.stage;
    case 'identity.sourceIp':
      return facts.identity.sourceIp;
    case 'identity.userAgent':
      return facts.identity.userAgent;
    default:
      return name.startsWith('authorizer.') ? authorizerVariable(facts.authorizer, name.slice('authorizer.'.length)) : undefined;
  }
}

/** `$context.authorizer.{claims.x | principalId | x}` for the authorizer that allowed the call. */
function authorizerVariable(authorizer: AuthorizerResult | undefined, name: string): string | undefined {
  switch (authorizer?.kind) {
    case undefined:
      return undefined;
    case 'jwt':
      return name.startsWith('claims.') ? authorizer.claims[name.slice('claims.'.length)] : undefined;
    case 'lambda': {
      if (name === 'principalId') return authorizer.principalId;
      const value = authorizer.context !== null && Object.hasOwn(authorizer.context, name) ? authorizer.context[name] : undefined;
      return value === undefined || value === null ? undefined : String(value);
    }
    case 'iam':
      return undefined;
  }
}
