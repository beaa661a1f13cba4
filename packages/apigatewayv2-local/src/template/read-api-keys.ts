import type { ApiKeyModel, ApiModel, UsagePlanModel } from '../model/index.js';
import { hashedId } from './physical-ids.js';
import { PropertyReader } from './property-reader.js';
import { reportUnknownProperties, type PropertyRules } from './property-rules.js';
import type { StackScope } from './stack-scope.js';

const API_KEY_PROPERTIES: PropertyRules = {
  read: ['Value', 'Enabled'],
  ignored: ['Name', 'Description', 'Tags', 'CustomerId', 'GenerateDistinctId'],
  unsupported: { StageKeys: 'stage keys (REST APIs) are not applied; attach the key through a usage plan' },
};
const USAGE_PLAN_PROPERTIES: PropertyRules = {
  read: ['ApiStages', 'Throttle', 'Quota'],
  ignored: ['UsagePlanName', 'Description', 'Tags'],
};
const USAGE_PLAN_KEY_PROPERTIES: PropertyRules = { read: ['KeyId', 'KeyType', 'UsagePlanId'], ignored: [] };

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** API Gateway generates 40-character keys (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-setup-api-key-with-console.html). */
const GENERATED_KEY_LENGTH = 40;
const QUOTA_PERIODS = ['DAY', 'WEEK', 'MONTH'] as const;

export interface ReadApiKeysResult {
  readonly apis: readonly ApiModel[];
  readonly apiKeys: readonly ApiKeyModel[];
}

function* resourcesOf(scopes: readonly StackScope[], type: string): Generator<PropertyReader> {
  for (const scope of scopes) {
    for (const [logicalId, resource] of scope.resources()) {
      if (resource.Type === type) yield new PropertyReader(scope, logicalId, resource);
    }
  }
}

/**
 * Reads `AWS::ApiGateway::ApiKey`, `UsagePlan` and `UsagePlanKey` and attaches to each API the usage plans
 * whose `ApiStages` name it, with their keys: what `ApiKeyRequired` routes check.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-api-keys.html
 */
export function readApiKeys(scopes: readonly StackScope[], apis: readonly ApiModel[]): ReadApiKeysResult {
  const keys = new Map<string, ApiKeyModel>();
  for (const reader of resourcesOf(scopes, 'AWS::ApiGateway::ApiKey')) {
    reportUnknownProperties(reader.scope, reader.logicalId, reader.resource.Properties ?? {}, API_KEY_PROPERTIES);
    const keyId = String(reader.scope.ref(reader.logicalId));
    const value = reader.string('Value');
    keys.set(keyId, {
      ref: { stackName: reader.scope.stackName, logicalId: reader.logicalId },
      keyId,
      value: value ?? hashedId(`api-key/${reader.scope.stackName}/${reader.logicalId}`, GENERATED_KEY_LENGTH, KEY_ALPHABET),
      generated: value === undefined,
      enabled: reader.boolean('Enabled') ?? false,
    });
  }
  const planKeys = new Map<string, ApiKeyModel[]>();
  for (const reader of resourcesOf(scopes, 'AWS::ApiGateway::UsagePlanKey')) {
    reportUnknownProperties(reader.scope, reader.logicalId, reader.resource.Properties ?? {}, USAGE_PLAN_KEY_PROPERTIES);
    const keyId = reader.string('KeyId');
    const planId = reader.string('UsagePlanId');
    if (keyId === undefined || planId === undefined) continue;
    const key = keys.get(keyId);
    if (!key) {
      reader.scope.diagnostics.warning('INVALID_PROPERTY', reader.at('KeyId'), `API key ${keyId} is not defined in the template; the usage plan key is ignored`);
      continue;
    }
    planKeys.set(planId, [...(planKeys.get(planId) ?? []), key]);
  }
  const plansByApi = new Map<string, UsagePlanModel[]>();
  for (const reader of resourcesOf(scopes, 'AWS::ApiGateway::UsagePlan')) {
    reportUnknownProperties(reader.scope, reader.logicalId, reader.resource.Properties ?? {}, USAGE_PLAN_PROPERTIES);
    const planId = String(reader.scope.ref(reader.logicalId));
    const covered: { apiId: string; stage: string }[] = [];
    const apiStages = reader.value('ApiStages');
    for (const [index, item] of (Array.isArray(apiStages) ? apiStages : []).entries()) {
      const apiStage = item as { ApiId?: unknown; Stage?: unknown; Throttle?: unknown } | null;
      if (typeof apiStage?.ApiId !== 'string' || typeof apiStage.Stage !== 'string') {
        reader.invalid(`ApiStages.${index}`, '{ ApiId, Stage } strings', item);
        continue;
      }
      if (apiStage.Throttle !== undefined) {
        reader.scope.diagnostics.warning('UNSUPPORTED_PROPERTY', reader.at(`ApiStages.${index}.Throttle`), 'per-method throttles of a usage plan are not applied; the plan Throttle is');
      }
      covered.push({ apiId: apiStage.ApiId, stage: apiStage.Stage });
    }
    const plan: UsagePlanModel = { ref: { stackName: reader.scope.stackName, logicalId: reader.logicalId }, apiStages: covered, ...readLimits(reader), keys: planKeys.get(planId) ?? [] };
    for (const apiId of new Set(covered.map((item) => item.apiId))) plansByApi.set(apiId, [...(plansByApi.get(apiId) ?? []), plan]);
  }
  return {
    apis: apis.map((api) => {
      const usagePlans = plansByApi.get(api.apiId);
      return usagePlans === undefined ? api : { ...api, usagePlans };
    }),
    apiKeys: [...keys.values()],
  };
}

/** `Throttle` (`RateLimit`, `BurstLimit`) and `Quota` (`Limit`, `Period`, `Offset`). */
function readLimits(reader: PropertyReader): Pick<UsagePlanModel, 'throttle' | 'quota'> {
  const out: { -readonly [K in keyof Pick<UsagePlanModel, 'throttle' | 'quota'>]: UsagePlanModel[K] } = {};
  const throttle = reader.object('Throttle');
  if (throttle) {
    const rateLimit = reader.numberFrom('Throttle.RateLimit', throttle.RateLimit);
    const burstLimit = reader.numberFrom('Throttle.BurstLimit', throttle.BurstLimit);
    out.throttle = { ...(rateLimit !== undefined && { rateLimit }), ...(burstLimit !== undefined && { burstLimit }) };
  }
  const quota = reader.object('Quota');
  if (quota) {
    const limit = reader.numberFrom('Quota.Limit', quota.Limit);
    const period = quota.Period;
    if (limit !== undefined && typeof period === 'string' && (QUOTA_PERIODS as readonly string[]).includes(period)) {
      out.quota = { limit, period: period as (typeof QUOTA_PERIODS)[number], offset: reader.numberFrom('Quota.Offset', quota.Offset) ?? 0 };
    } else {
      reader.invalid('Quota', '{ Limit, Period: DAY | WEEK | MONTH }', quota);
    }
  }
  return out;
}
