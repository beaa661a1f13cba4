import type { ApiModel } from '../model/index.js';
import { GATEWAY_ERROR_MESSAGES } from './gateway-error.js';

/**
 * What the gateway learnt while answering one request that only an access log shows: the final status and
 * size, and what the integration did. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export interface AccessLogFacts {
  readonly status: number;
  readonly responseLength: number;
  readonly responseLatencyMs: number;
  /** Set when an integration was called. */
  readonly integration?: {
    readonly latencyMs: number;
    /** What the integration answered (a Lambda function's `statusCode`, a backend's status); undefined when it failed. */
    readonly status?: number;
    /** The status of the call itself (200 for an invoked Lambda function, the backend's status for HTTP). */
    readonly integrationStatus?: number;
    /** Why the call failed (timeout, function error …). */
    readonly error?: string;
  };
  /** The gateway's own error message, when it answered with one (`{"message":…}`). */
  readonly errorMessage?: string;
}

/**
 * `$context` variables of HTTP API access logs that depend on the answer
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html); the
 * request's own variables come from `contextVariable`.
 */
function answerVariable(facts: AccessLogFacts, name: string): string | undefined {
  const integration = facts.integration;
  switch (name) {
    case 'status':
      return String(facts.status);
    case 'responseLength':
      return String(facts.responseLength);
    case 'responseLatency':
      return String(Math.round(facts.responseLatencyMs));
    case 'integrationLatency':
    case 'integration.latency':
      return integration && String(Math.round(integration.latencyMs));
    case 'integrationStatus':
    case 'integration.integrationStatus':
      return integration?.integrationStatus === undefined ? undefined : String(integration.integrationStatus);
    case 'integration.status':
      return integration?.status === undefined ? undefined : String(integration.status);
    case 'integrationErrorMessage':
    case 'integration.error':
      return integration?.error;
    case 'error.message':
      return facts.errorMessage;
    case 'error.messageString':
      return facts.errorMessage === undefined ? undefined : JSON.stringify(facts.errorMessage);
    default:
      return undefined;
  }
}

/** Variables the gateway cannot know locally, rendered `-` as AWS renders a missing value. */
const ALWAYS_ABSENT = [
  'awsEndpointRequestId',
  'customDomain.basePathMatched',
  'dataProcessed',
  'error.responseType',
  'integration.requestId',
  'identity.accountId',
  'identity.caller',
  'identity.cognitoAuthenticationProvider',
  'identity.cognitoAuthenticationType',
  'identity.cognitoIdentityId',
  'identity.cognitoIdentityPoolId',
  'identity.principalOrgId',
  'identity.clientCert.clientCertPem',
  'identity.clientCert.subjectDN',
  'identity.clientCert.issuerDN',
  'identity.clientCert.serialNumber',
  'identity.clientCert.validity.notBefore',
  'identity.clientCert.validity.notAfter',
  'identity.user',
  'identity.userArn',
  'authorizer.error',
  'authorizer.integrationLatency',
  'authorizer.integrationStatus',
  'authorizer.latency',
  'authorizer.requestId',
  'authorizer.status',
  'authenticate.error',
  'authenticate.latency',
  'authenticate.status',
  'authorize.error',
  'authorize.latency',
  'authorize.status',
];

/** Every `$context` variable of HTTP API access logs (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html). */
const KNOWN_VARIABLES = new Set([
  'accountId', 'apiId', 'domainName', 'domainPrefix', 'extendedRequestId', 'httpMethod', 'identity.sourceIp',
  'identity.userAgent', 'path', 'protocol', 'requestId', 'requestTime', 'requestTimeEpoch', 'routeKey', 'stage',
  'status', 'responseLength', 'responseLatency', 'integrationLatency', 'integration.latency', 'integrationStatus',
  'integration.integrationStatus', 'integration.status', 'integrationErrorMessage', 'integration.error',
  'error.message', 'error.messageString', 'authorizer.principalId', ...ALWAYS_ABSENT,
]);

/** `$context.name` in a format; the name stops at the first character that is not a letter, digit, `_`, `-` or an inner `.`. */
const VARIABLE = /\$context\.([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)/g;

function isKnown(name: string): boolean {
  // `$context.authorizer.claims.{name}` and `$context.authorizer.{property}` name values the authorizer gives.
  return KNOWN_VARIABLES.has(name) || name.startsWith('authorizer.');
}

/** The `$context` variables a format uses that HTTP API access logs do not have. */
export function unknownAccessLogVariables(format: string): string[] {
  return [...new Set([...format.matchAll(VARIABLE)].map((match) => match[1]).filter((name) => !isKnown(name)))];
}

/**
 * One access log line in the stage's own format: every `$context.x` replaced by its value, `-` when it
 * has none (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html).
 */
export function renderAccessLog(format: string, facts: AccessLogFacts, requestVariable: (name: string) => string | undefined): string {
  return format.replace(VARIABLE, (_all, name: string) => answerVariable(facts, name) ?? requestVariable(name) ?? '-');
}

/** The `{"message":…}` text of a gateway error status, for `$context.error.message`. */
export function gatewayErrorMessage(status: number): string | undefined {
  return Object.hasOwn(GATEWAY_ERROR_MESSAGES, status) ? GATEWAY_ERROR_MESSAGES[status as keyof typeof GATEWAY_ERROR_MESSAGES] : undefined;
}

/** Start-up warnings for `$context` variables an access log format uses that do not exist, by stage. */
export function accessLogWarnings(api: ApiModel): { stackName: string; logicalId: string; message: string }[] {
  return api.stages.flatMap((stage) => {
    const unknown = stage.accessLog === undefined ? [] : unknownAccessLogVariables(stage.accessLog.format);
    return unknown.length === 0
      ? []
      : [{ ...stage.ref, message: `stage ${stage.name}: the access log format uses unknown variables ${unknown.map((name) => `$context.${name}`).join(', ')}; they log as -` }];
  });
}
