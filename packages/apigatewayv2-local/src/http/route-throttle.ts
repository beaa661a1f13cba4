import type { RouteSettingsModel, StageModel } from '../model/index.js';

/**
 * The limits one route of one stage is throttled with: its `RouteSettings` entry overrides the stage's
 * `DefaultRouteSettings`, limit by limit
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html). Undefined when
 * neither sets a limit: the account-level limits (10,000 requests per second, burst 5,000) are not applied
 * locally (README, "Differences from AWS").
 */
export interface ThrottleLimits {
  /** Requests per second the bucket refills with; undefined: no steady-rate limit. */
  readonly rateLimit?: number;
  /** Bucket size; undefined: `burstForRate(rateLimit)`. */
  readonly burstLimit?: number;
}

export function throttleLimits(stage: StageModel, routeKey: string): ThrottleLimits | undefined {
  const route: RouteSettingsModel | undefined = Object.hasOwn(stage.routeSettings, routeKey) ? stage.routeSettings[routeKey] : undefined;
  const rateLimit = route?.throttlingRateLimit ?? stage.defaultRouteSettings?.throttlingRateLimit;
  const burstLimit = route?.throttlingBurstLimit ?? stage.defaultRouteSettings?.throttlingBurstLimit;
  if (rateLimit === undefined && burstLimit === undefined) return undefined;
  return { ...(rateLimit === undefined ? {} : { rateLimit }), ...(burstLimit === undefined ? {} : { burstLimit }) };
}

/**
 * Bucket size when only a rate is set: one second's worth of requests, at least one. AWS documents no
 * value for this case (unconfirmed), so it is one named rule (README, "Differences from AWS").
 */
export function burstForRate(rateLimit: number): number {
  return Math.max(1, Math.ceil(rateLimit));
}

interface Bucket {
  tokens: number;
  refilledAtMs: number;
}

/**
 * Token buckets, one per stage and route key, shared by every client (as AWS's are,
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html): the burst limit
 * is the bucket's size, the rate limit the tokens added per second; a request takes one token, or is
 * refused (429) when none is left. A bucket starts full. The clock is injected.
 */
export class RouteThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  /** Takes a token for (stage, route); false when the request must be answered 429. */
  take(stageName: string, routeKey: string, limits: ThrottleLimits): boolean {
    // A burst limit with no rate limit only refuses everything when it is 0 (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html).
    if (limits.rateLimit === undefined) return (limits.burstLimit ?? 1) >= 1;
    const rate = limits.rateLimit;
    const size = limits.burstLimit ?? burstForRate(rate);
    const key = `${stageName}\n${routeKey}`;
    const nowMs = this.now();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { tokens: size, refilledAtMs: nowMs };
      this.buckets.set(key, bucket);
    } else {
      const elapsedMs = Math.max(0, nowMs - bucket.refilledAtMs);
      bucket.tokens = Math.min(size, bucket.tokens + (elapsedMs * rate) / 1000);
      bucket.refilledAtMs = nowMs;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
