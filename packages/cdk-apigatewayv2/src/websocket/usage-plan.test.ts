import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { logicalId, newStack } from '../../test/support/websocket-fixtures';
import { WebSocketMockIntegration } from '../integrations';
import { ApiKey, Period, RateLimitedApiKey, UsagePlan, WebSocketApi, WebSocketStage } from '../index';

function setup() {
  const stack = newStack();
  const webSocketApi = new WebSocketApi(stack, 'Api', {
    connectRouteOptions: { integration: new WebSocketMockIntegration({}), apiKeyRequired: true },
  });
  const stage = new WebSocketStage(stack, 'Stage', { webSocketApi, stageName: 'dev' });
  return { stack, webSocketApi, stage };
}

describe('UsagePlan', () => {
  test('covers WebSocket stages with throttle and quota, and holds keys', () => {
    const { stack, webSocketApi, stage } = setup();
    const plan = new UsagePlan(stack, 'Plan', {
      usagePlanName: 'basic',
      apiStages: [{ api: webSocketApi, stage }],
      throttle: { rateLimit: 10, burstLimit: 2 },
      quota: { limit: 1000, period: Period.DAY },
    });
    const key = new ApiKey(stack, 'Key', { value: 'local-good-key-0123456789' });
    plan.addApiKey(key);

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: 'basic',
      ApiStages: [{ ApiId: { Ref: logicalId(webSocketApi) }, Stage: 'dev' }],
      Throttle: { RateLimit: 10, BurstLimit: 2 },
      Quota: { Limit: 1000, Period: 'DAY' },
    });
    template.hasResourceProperties('AWS::ApiGateway::ApiKey', { Enabled: true, Value: 'local-good-key-0123456789' });
    template.hasResourceProperties('AWS::ApiGateway::UsagePlanKey', {
      KeyId: { Ref: logicalId(key) },
      KeyType: 'API_KEY',
      UsagePlanId: { Ref: logicalId(plan) },
    });
    expect(template.findResources('AWS::ApiGateway::UsagePlan')[logicalId(plan)].DependsOn).toContain(logicalId(stage));
  });

  test('addApiStage adds a stage later; overrideLogicalId names the key attachment', () => {
    const { stack, stage } = setup();
    const plan = new UsagePlan(stack, 'Plan');
    plan.addApiStage({ stage });
    plan.addApiKey(ApiKey.fromApiKeyId(stack, 'Imported', 'k123'), { overrideLogicalId: 'KeepMe' });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', { ApiStages: [{ Stage: 'dev' }] });
    template.hasResource('AWS::ApiGateway::UsagePlanKey', {});
    expect(Object.keys(template.findResources('AWS::ApiGateway::UsagePlanKey'))).toEqual(['KeepMe']);
  });

  test('refuses a quota limit that is not a whole number, aws-cdk-lib\'s message first', () => {
    const { stack } = setup();
    expectError(() => new UsagePlan(stack, 'Plan', { quota: { limit: 1.5, period: Period.DAY } }),
      "Throttle quota limit should be an integer: UsagePlan quota.limit must be a whole number of requests, 0 or more, got 1.5 (at 'Stack/Plan')");
  });

  test('refuses a burst limit that is not a whole number', () => {
    const { stack } = setup();
    expectError(() => new UsagePlan(stack, 'Plan', { throttle: { burstLimit: 2.5 } }),
      "Throttle burst limit should be an integer: UsagePlan throttle.burstLimit must be a whole number of requests, 0 or more, got 2.5 (at 'Stack/Plan')");
  });

  test('refuses a negative rate limit', () => {
    const { stack } = setup();
    expectError(() => new UsagePlan(stack, 'Plan', { throttle: { rateLimit: -1 } }),
      "Throttle rate limit should be an double: UsagePlan throttle.rateLimit must be a number of requests per second, 0 or more, got -1 (at 'Stack/Plan')");
  });

  test('refuses an api stage without a stage, or with another API', () => {
    const { stack, stage } = setup();
    expectError(() => new UsagePlan(stack, 'Plan', { apiStages: [{}] }), "UsagePlan apiStages.stage is required: a plan covers stages, got undefined (at 'Stack/Plan')");
    const other = new WebSocketApi(stack, 'Other');
    expectError(() => new UsagePlan(stack, 'Plan2', { apiStages: [{ api: other, stage }] }), "UsagePlan apiStages.api must be the stage's own API, got 'Stack/Other' for stage 'Stack/Stage' (at 'Stack/Plan2')");
  });
});

describe('ApiKey', () => {
  test('keyArn is the apikeys ARN; grantRead allows apigateway:GET on it', () => {
    const { stack } = setup();
    const key = new ApiKey(stack, 'Key', { apiKeyName: 'partner', description: 'for partner' });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    key.grantRead(role);

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGateway::ApiKey', { Name: 'partner', Description: 'for partner', Enabled: true });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'apigateway:GET',
          Effect: 'Allow',
          Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':apigateway:', { Ref: 'AWS::Region' }, '::/apikeys/', { Ref: logicalId(key) }]] },
        }],
      },
    });
  });
});

describe('RateLimitedApiKey', () => {
  test('creates a key and a usage plan of its own holding it', () => {
    const { stack, stage } = setup();
    new RateLimitedApiKey(stack, 'Limited', { apiStages: [{ stage }], throttle: { rateLimit: 5, burstLimit: 5 }, quota: { limit: 100, period: Period.MONTH } });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', { Throttle: { RateLimit: 5, BurstLimit: 5 }, Quota: { Limit: 100, Period: 'MONTH' } });
    template.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 1);
  });

  test('creates no usage plan without stages, throttle or quota', () => {
    const { stack } = setup();
    new RateLimitedApiKey(stack, 'Limited');
    Template.fromStack(stack).resourceCountIs('AWS::ApiGateway::UsagePlan', 0);
  });
});
