import type { AuthorizerAnswer } from './authorizer-answer.js';

/** Entries kept at most; the oldest go first. AWS documents no limit; ours keeps memory bounded. */
export const MAX_CACHED_AUTHORIZER_ANSWERS = 10_000;

/**
 * Lambda authorizer answers cached per authorizer and identity-source values for the authorizer's
 * `AuthorizerResultTtlInSeconds`. One cached answer serves every route of the authorizer: a policy answer
 * is evaluated again against each route's ARN, a simple answer allows or denies them all
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html).
 */
export class AuthorizerAnswerCache {
  private readonly entries = new Map<string, { readonly answer: AuthorizerAnswer; readonly expiresAtMs: number }>();

  get(authorizerKey: string, identityValues: readonly string[], nowMs: number): AuthorizerAnswer | undefined {
    const key = cacheKey(authorizerKey, identityValues);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.answer;
  }

  /** Caches an answer; a TTL of 0 caches nothing. */
  set(authorizerKey: string, identityValues: readonly string[], answer: AuthorizerAnswer, ttlSeconds: number, nowMs: number): void {
    if (ttlSeconds <= 0) return;
    const key = cacheKey(authorizerKey, identityValues);
    this.entries.delete(key);
    if (this.entries.size >= MAX_CACHED_AUTHORIZER_ANSWERS) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { answer, expiresAtMs: nowMs + ttlSeconds * 1000 });
  }
}

/**
 * One key per authorizer and list of values, each part prefixed with its length: no two different lists
 * share a key whatever characters the values hold (a query string value may hold any), and building it
 * costs a concatenation, not a JSON serialization of a bearer token on every request.
 */
function cacheKey(authorizerKey: string, identityValues: readonly string[]): string {
  let key = `${authorizerKey.length}:${authorizerKey}`;
  for (const value of identityValues) key += `${value.length}:${value}`;
  return key;
}
