import { firstHeader, type HeaderList } from '../gateway/headers.js';
import type { ApiKeyModel, ApiModel, UsagePlanModel } from '../model/index.js';

/** The key source when the API sets no `ApiKeySelectionExpression` (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html). */
export const DEFAULT_API_KEY_SOURCE = '$request.header.x-api-key';
/** Message of a `429` once a key's usage plan quota is used up, as API Gateway words it. */
export const QUOTA_EXCEEDED_MESSAGE = 'Limit Exceeded';
/** Message of a `429` when a key's usage plan throttle refuses the call. */
export const THROTTLED_MESSAGE = 'Too Many Requests';

/** Whether an `ApiKeyRequired` route may be called with the key the request carries. */
export type ApiKeyVerdict =
  | { readonly kind: 'allowed'; readonly key?: ApiKeyModel }
  | { readonly kind: 'refused'; readonly status: 403 | 429; readonly message?: string; readonly reason: string };

/**
 * The header an API reads its key from: `$request.header.{name}` of its `ApiKeySelectionExpression`;
 * the authorizer source (`$context.authorizer.usageIdentifierKey`) is not emulated and falls back to
 * `x-api-key` (reported at start-up).
 */
export function apiKeyHeaderName(api: Pick<ApiModel, 'apiKeySelectionExpression'>): string {
  const match = /^\$request\.header\.(.+)$/.exec(api.apiKeySelectionExpression ?? DEFAULT_API_KEY_SOURCE);
  return match ? match[1] : 'x-api-key';
}

/** Per plan and key: a token bucket for the throttle and the calls counted in the current quota period. */
interface Meter {
  tokens: number;
  refilledAt: number;
  periodStart: number;
  used: number;
}

// Kept with the plan's model: a reload gives new plans, and their counts start again.
const meters = new WeakMap<UsagePlanModel, Map<string, Meter>>();

/**
 * Checks the key of a call to an `ApiKeyRequired` route, as API Gateway does: a missing key, a key the
 * stack does not define, a disabled key or one no usage plan attaches to this API's stage is refused with
 * 403 `Forbidden`; then the plan's throttle (token bucket: `RateLimit` per second, `BurstLimit` deep) and
 * quota (`Limit` per `DAY` / `WEEK` / `MONTH`, UTC) are applied per key, answering 429.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-api-keys.html
 */
export function checkApiKey(api: ApiModel, stageName: string, headers: HeaderList, now: number): ApiKeyVerdict {
  const header = apiKeyHeaderName(api);
  const value = firstHeader(headers, header);
  if (value === undefined || value === '') return { kind: 'refused', status: 403, reason: `no API key in ${header}` };
  const plans = (api.usagePlans ?? []).filter((plan) => plan.apiStages.some((covered) => covered.apiId === api.apiId && covered.stage === stageName));
  for (const plan of plans) {
    const key = plan.keys.find((candidate) => candidate.value === value);
    if (!key) continue;
    if (!key.enabled) return { kind: 'refused', status: 403, reason: `API key ${key.ref.logicalId} is disabled` };
    return meter(plan, key, now);
  }
  return { kind: 'refused', status: 403, reason: `the API key is not attached to stage ${stageName} by a usage plan of the stack` };
}

function meter(plan: UsagePlanModel, key: ApiKeyModel, now: number): ApiKeyVerdict {
  let byKey = meters.get(plan);
  if (!byKey) meters.set(plan, (byKey = new Map<string, Meter>()));
  const burst = plan.throttle?.burstLimit ?? plan.throttle?.rateLimit;
  let state = byKey.get(key.keyId);
  if (!state) byKey.set(key.keyId, (state = { tokens: burst ?? 0, refilledAt: now, periodStart: periodStart(plan, now), used: 0 }));
  if (plan.throttle !== undefined && burst !== undefined) {
    const rate = plan.throttle.rateLimit ?? burst;
    state.tokens = Math.min(burst, state.tokens + ((now - state.refilledAt) / 1000) * rate);
    state.refilledAt = now;
    if (state.tokens < 1) return { kind: 'refused', status: 429, message: THROTTLED_MESSAGE, reason: `usage plan ${plan.ref.logicalId} throttles key ${key.ref.logicalId}` };
  }
  if (plan.quota !== undefined) {
    const start = periodStart(plan, now);
    if (start !== state.periodStart) {
      state.periodStart = start;
      state.used = 0;
    }
    if (state.used >= plan.quota.limit) {
      return { kind: 'refused', status: 429, message: QUOTA_EXCEEDED_MESSAGE, reason: `usage plan ${plan.ref.logicalId} quota of ${plan.quota.limit} per ${plan.quota.period} used by key ${key.ref.logicalId}` };
    }
    state.used += 1;
  }
  if (plan.throttle !== undefined && burst !== undefined) state.tokens -= 1;
  return { kind: 'allowed', key };
}

/** The start of the quota period `now` falls in (UTC; weeks start on Monday), shifted by the plan's `Offset` days. */
function periodStart(plan: UsagePlanModel, now: number): number {
  const quota = plan.quota;
  if (!quota) return 0;
  const date = new Date(now);
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  switch (quota.period) {
    case 'DAY':
      return day;
    case 'WEEK':
      return day - ((date.getUTCDay() + 6 - quota.offset + 7) % 7) * 86_400_000;
    case 'MONTH':
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - (date.getUTCDate() - 1 < quota.offset ? 1 : 0), 1 + quota.offset);
  }
}
