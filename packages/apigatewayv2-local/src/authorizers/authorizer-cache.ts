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
  private readonly entries = new Map<string, Entry>();
  /**
   * The answer found last, with what it was found for: a local client sends the same token request after
   * request, and comparing the values costs a few ns where looking them up costs hashing all of them (about
   * 0.8 µs for a 650-character bearer token).
   */
  private last: { readonly authorizerKey: string; readonly identityValues: readonly string[]; readonly key: string; readonly entry: Entry } | undefined;

  get(authorizerKey: string, identityValues: readonly string[], nowMs: number): AuthorizerAnswer | undefined {
    const last = this.last;
    let key: string;
    let entry: Entry | undefined;
    if (last !== undefined && last.authorizerKey === authorizerKey && sameValues(last.identityValues, identityValues)) {
      ({ key, entry } = last);
    } else {
      key = cacheKey(authorizerKey, identityValues);
      entry = this.entries.get(key);
    }
    if (!entry) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.entries.delete(key);
      this.last = undefined;
      return undefined;
    }
    this.last = { authorizerKey, identityValues, key, entry };
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
    const entry = { answer, expiresAtMs: nowMs + ttlSeconds * 1000 };
    this.entries.set(key, entry);
    this.last = { authorizerKey, identityValues, key, entry };
  }
}

interface Entry {
  readonly answer: AuthorizerAnswer;
  readonly expiresAtMs: number;
}

function sameValues(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
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
