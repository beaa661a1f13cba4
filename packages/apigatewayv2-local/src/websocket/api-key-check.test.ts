import { describe, expect, it } from 'vitest';
import type { ApiKeyModel, ApiModel, UsagePlanModel } from '../model/index.js';
import { checkApiKey } from './api-key-check.js';
import { webSocketApi } from './websocket-test-fixtures.js';

const key = (logicalId: string, value: string, enabled = true): ApiKeyModel => ({ ref: { stackName: 'S', logicalId }, keyId: logicalId.toLowerCase(), value, generated: false, enabled });
const plan = (extra: Partial<UsagePlanModel> = {}): UsagePlanModel => ({ ref: { stackName: 'S', logicalId: 'Plan' }, apiStages: [{ apiId: webSocketApi([]).apiId, stage: 'dev' }], keys: [key('Good', 'good-key'), key('Off', 'off-key', false)], ...extra });
const api = (usagePlans: UsagePlanModel[], apiKeySelectionExpression?: string): ApiModel => ({ ...webSocketApi([]), usagePlans, ...(apiKeySelectionExpression !== undefined && { apiKeySelectionExpression }) });
const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);

describe('checkApiKey ($connect of an ApiKeyRequired route)', () => {
  it('allows a key a usage plan attaches to the stage', () => {
    expect(checkApiKey(api([plan()]), 'dev', [['X-Api-Key', 'good-key']], T0)).toMatchObject({ kind: 'allowed', key: { value: 'good-key' } });
  });

  it('refuses with 403 a missing key, a key the stack does not define, a disabled key and a key of another stage', () => {
    const plans = [plan()];
    expect(checkApiKey(api(plans), 'dev', [], T0)).toMatchObject({ kind: 'refused', status: 403 });
    expect(checkApiKey(api(plans), 'dev', [['x-api-key', 'made-up']], T0)).toMatchObject({ kind: 'refused', status: 403 });
    expect(checkApiKey(api(plans), 'dev', [['x-api-key', 'off-key']], T0)).toMatchObject({ kind: 'refused', status: 403 });
    expect(checkApiKey(api(plans), 'prod', [['x-api-key', 'good-key']], T0)).toMatchObject({ kind: 'refused', status: 403 });
    expect(checkApiKey(api([]), 'dev', [['x-api-key', 'good-key']], T0)).toMatchObject({ kind: 'refused', status: 403 });
  });

  it('reads the key from the header the API key selection expression names', () => {
    expect(checkApiKey(api([plan()], '$request.header.x-custom-key'), 'dev', [['x-custom-key', 'good-key']], T0).kind).toBe('allowed');
    expect(checkApiKey(api([plan()], '$request.header.x-custom-key'), 'dev', [['x-api-key', 'good-key']], T0).kind).toBe('refused');
  });

  it('throttles per key with a token bucket: burst calls, then 429 until the rate refills', () => {
    const limited = api([plan({ throttle: { rateLimit: 1, burstLimit: 2 } })]);
    const call = (at: number, value = 'good-key') => checkApiKey(limited, 'dev', [['x-api-key', value]], at);
    expect(call(T0).kind).toBe('allowed');
    expect(call(T0).kind).toBe('allowed');
    expect(call(T0)).toMatchObject({ kind: 'refused', status: 429, message: 'Too Many Requests' });
    expect(call(T0 + 1000).kind).toBe('allowed');
  });

  it('answers 429 Limit Exceeded once the quota of the period is used, and starts again the next period', () => {
    const limited = api([plan({ quota: { limit: 2, period: 'DAY', offset: 0 } })]);
    const call = (at: number) => checkApiKey(limited, 'dev', [['x-api-key', 'good-key']], at);
    expect(call(T0).kind).toBe('allowed');
    expect(call(T0 + 1).kind).toBe('allowed');
    expect(call(T0 + 2)).toMatchObject({ kind: 'refused', status: 429, message: 'Limit Exceeded' });
    expect(call(T0 + 86_400_000).kind).toBe('allowed');
  });

  it('counts one quota for every API a plan covers', () => {
    const first = webSocketApi([]);
    const second: ApiModel = { ...webSocketApi([]), apiId: 'otherapi00' };
    const shared = plan({ apiStages: [{ apiId: first.apiId, stage: 'dev' }, { apiId: second.apiId, stage: 'dev' }], quota: { limit: 1, period: 'MONTH', offset: 0 } });
    expect(checkApiKey({ ...first, usagePlans: [shared] }, 'dev', [['x-api-key', 'good-key']], T0).kind).toBe('allowed');
    expect(checkApiKey({ ...second, usagePlans: [shared] }, 'dev', [['x-api-key', 'good-key']], T0)).toMatchObject({ kind: 'refused', status: 429 });
  });
});
