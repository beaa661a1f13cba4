import type { JWTPayload } from 'jose';

/** Tokens remembered at most; the oldest go first. Ours, to keep memory bounded. */
export const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Tokens of one issuer whose signature has verified, with their payload. A token is the same bytes every
 * time a client sends it, so its signature need not be checked again while the issuer's keys are trusted
 * (`maxAgeMs`: as long as keys are cached); its claims (`exp`, `aud`, scopes …) are still checked on every
 * request.
 */
export class VerifiedSignatures {
  private readonly entries = new Map<string, { readonly payload: JWTPayload; readonly atMs: number }>();

  constructor(private readonly maxAgeMs: number) {}

  get(token: string, nowMs: number): JWTPayload | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (nowMs - entry.atMs >= this.maxAgeMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.payload;
  }

  set(token: string, payload: JWTPayload, nowMs: number): void {
    if (this.entries.size >= MAX_VERIFIED_TOKENS) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { payload, atMs: nowMs });
  }
}
