import { resourceKey, type LambdaAuthorizerModel } from '../model/index.js';
import type { AuthorizerAnswer } from './authorizer-answer.js';
import { parseAuthorizerAnswer } from './authorizer-answer.js';
import type { AuthorizerAnswerCache } from './authorizer-cache.js';
import type { RouteAccess } from '../gateway/route-access.js';
import type { AuthorizationRequest } from './authorization-types.js';
import { evaluatePolicy } from './evaluate-policy.js';
import { identitySourcesOf, resolveIdentitySources } from './identity-source.js';
import { refuse } from './refusal.js';

/** Lambda authorizers must answer within 10 s (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html). */
export const AUTHORIZER_TIMEOUT_MS = 10_000;

/**
 * An authorizer that fails with exactly this error message refuses the request with 401 instead of 500
 * (REST API behaviour; assumed for HTTP and WebSocket APIs, unconfirmed).
 */
export const UNAUTHORIZED_ERROR_MESSAGE = 'Unauthorized';

/** How invoking the authorizer function went. */
export type AuthorizerInvocation =
  /** The function returned; `payload` is the JSON text of its result. */
  | { readonly kind: 'answered'; readonly payload: string }
  /** The handler threw (Lambda `Unhandled`) with this message. */
  | { readonly kind: 'function-error'; readonly errorMessage: string }
  /** No answer: missing function, crash, timeout, throttling. */
  | { readonly kind: 'failed'; readonly reason: string };

export interface LambdaAuthorizerDeps {
  /** Invokes the authorizer function (ARN as in `AuthorizerUri`, stage variables unresolved) under a timeout. */
  readonly invokeAuthorizer: (functionArn: string, event: unknown, timeoutMs: number) => Promise<AuthorizerInvocation>;
  readonly cache: AuthorizerAnswerCache;
  readonly now: () => number;
}

/**
 * Runs a Lambda (`REQUEST`) authorizer for one request
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html):
 * a missing identity-source value → 401 without invoking; a cached answer for the same identity values →
 * used without invoking; otherwise the function is invoked with the authorizer event of its payload format.
 * Simple answers allow or deny (403); policy answers are evaluated against the request's ARN. A failing
 * function or an answer of the wrong shape → 500 and nothing is cached.
 */
export async function authorizeWithLambda(
  authorizer: LambdaAuthorizerModel,
  request: AuthorizationRequest,
  deps: LambdaAuthorizerDeps,
): Promise<RouteAccess> {
  const decidedBy = `Lambda ${authorizer.name}`;
  const { sources, invalid } = identitySourcesOf(authorizer);
  if (invalid.length > 0) return refuse(decidedBy, 500, `identity source ${invalid.join(', ')} is not one API Gateway accepts`);
  const resolved = resolveIdentitySources(sources, request.identityFacts);
  if (resolved.kind === 'missing') return refuse(decidedBy, 401, `identity source ${resolved.source} is missing`);

  // Caching needs at least one identity source: the values are the cache key.
  const caching = authorizer.resultTtlSeconds > 0 && sources.length > 0;
  const cacheKey = resourceKey(authorizer.ref);
  let answer: AuthorizerAnswer | undefined = caching ? deps.cache.get(cacheKey, resolved.values, deps.now()) : undefined;
  const fromCache = answer !== undefined;
  if (!answer) {
    // Lambda refuses a call its resource policy does not allow (app/invoke-permissions.ts): 500, as for any failure.
    if (authorizer.invokeDenied !== undefined) return refuse(decidedBy, 500, authorizer.invokeDenied);
    let event: unknown;
    try {
      event = request.lambdaAuthorizerEvent(authorizer.payloadFormatVersion, resolved.values);
    } catch (error) {
      return refuse(decidedBy, 500, `no authorizer event: ${error instanceof Error ? error.message : String(error)}`);
    }
    const invocation = await deps.invokeAuthorizer(authorizer.functionArn, event, authorizer.timeoutMs ?? AUTHORIZER_TIMEOUT_MS);
    switch (invocation.kind) {
      case 'function-error':
        if (invocation.errorMessage === UNAUTHORIZED_ERROR_MESSAGE) return refuse(decidedBy, 401, 'the authorizer failed with "Unauthorized"');
        return refuse(decidedBy, 500, `the authorizer failed: ${invocation.errorMessage}`);
      case 'failed':
        return refuse(decidedBy, 500, `the authorizer failed: ${invocation.reason}`);
      case 'answered':
        break;
    }
    const format = authorizer.payloadFormatVersion === '2.0' && authorizer.enableSimpleResponses ? 'simple' : 'policy';
    const parsed = parseAuthorizerAnswer(invocation.payload, format);
    if (parsed.kind === 'invalid') return refuse(decidedBy, 500, `invalid ${format} authorizer answer: ${parsed.reason}`);
    answer = parsed.answer;
    if (caching) deps.cache.set(cacheKey, resolved.values, answer, authorizer.resultTtlSeconds, deps.now());
  }

  const how = fromCache ? ' (cached answer)' : '';
  if (answer.kind === 'simple') {
    return answer.isAuthorized
      ? { kind: 'allowed', decidedBy, authorizer: { kind: 'lambda', context: answer.context } }
      : refuse(decidedBy, 403, `isAuthorized is false${how}`);
  }
  if (evaluatePolicy(answer.statements, request.resourceArn) === 'deny') {
    return refuse(decidedBy, 403, `the policy does not allow ${request.resourceArn}${how}`);
  }
  return { kind: 'allowed', decidedBy, authorizer: { kind: 'lambda', context: answer.context, principalId: answer.principalId } };
}
