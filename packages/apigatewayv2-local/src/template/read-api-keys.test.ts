import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { GatewayModel } from '../model/index.js';
import { readModelFiles as readGatewayModel } from './read-gateway-model.js';
import { writeFiles } from './template-test-fixtures.js';

async function readJson(template: object): Promise<GatewayModel> {
  const dir = writeFiles({ 'Keys.template.json': template });
  return readGatewayModel({ template: join(dir, 'Keys.template.json') });
}

describe('reading API keys and usage plans', () => {
  test('attaches usage plans with their keys to the APIs their ApiStages name; a key without Enabled is disabled', async () => {
    const model = await readJson({
      Resources: {
        Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
        Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'prod' } },
        On: { Type: 'AWS::ApiGateway::ApiKey', Properties: { Value: 'on-key-0123456789abcdef', Enabled: true } },
        Off: { Type: 'AWS::ApiGateway::ApiKey', Properties: {} },
        Plan: {
          Type: 'AWS::ApiGateway::UsagePlan',
          Properties: {
            ApiStages: [{ ApiId: { Ref: 'Api' }, Stage: { Ref: 'Stage' }, Throttle: { '/x': { RateLimit: 1 } } }],
            Throttle: { RateLimit: 10, BurstLimit: 2 },
            Quota: { Limit: 100, Period: 'WEEK' },
          },
        },
        OnKey: { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyId: { Ref: 'On' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'Plan' } } },
        OffKey: { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyId: { Ref: 'Off' }, KeyType: 'API_KEY', UsagePlanId: { Ref: 'Plan' } } },
        Stray: { Type: 'AWS::ApiGateway::UsagePlanKey', Properties: { KeyId: 'nokey', KeyType: 'API_KEY', UsagePlanId: { Ref: 'Plan' } } },
      },
    });
    expect(model.apis[0].usagePlans).toMatchObject([
      {
        ref: { logicalId: 'Plan' },
        apiStages: [{ apiId: model.apis[0].apiId, stage: 'prod' }],
        throttle: { rateLimit: 10, burstLimit: 2 },
        quota: { limit: 100, period: 'WEEK', offset: 0 },
        keys: [
          { ref: { logicalId: 'On' }, value: 'on-key-0123456789abcdef', generated: false, enabled: true },
          { ref: { logicalId: 'Off' }, generated: true, enabled: false },
        ],
      },
    ]);
    expect(model.apiKeys?.map((key) => key.ref.logicalId)).toEqual(['On', 'Off']);
    expect(model.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ logicalId: 'Plan', property: 'ApiStages.0.Throttle', code: 'UNSUPPORTED_PROPERTY' }),
        expect.objectContaining({ logicalId: 'Stray', property: 'KeyId', code: 'INVALID_PROPERTY' }),
      ]),
    );
  });
});
