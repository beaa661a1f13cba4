import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AccessLogField, AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { HttpApi, HttpStage, LogGroupLogDestination, WebSocketApi, WebSocketStage } from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

describe('HttpStage settings (aws-cdk-lib 2.x names and behaviour)', () => {
  test('can add stage with throttle settings', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    new HttpStage(stack, 'Stage', { httpApi: api, throttle: { rateLimit: 1000, burstLimit: 1000 } });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: stack.resolve(api.apiId) as unknown,
      DefaultRouteSettings: { ThrottlingBurstLimit: 1000, ThrottlingRateLimit: 1000 },
    });
  });

  test('can add a stage with detailed metrics', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    new HttpStage(stack, 'Stage', { httpApi: api, detailedMetricsEnabled: true });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { DetailedMetricsEnabled: true },
    });
  });

  test('leaves DefaultRouteSettings out when detailed metrics are off and nothing is throttled, as aws-cdk-lib', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    new HttpStage(stack, 'Stage', { httpApi: api, detailedMetricsEnabled: false });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: Match.absent() });
  });

  test('throttles and measures single routes through routeSettings, keyed by route key', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    new HttpStage(stack, 'Stage', {
      httpApi: api,
      throttle: { rateLimit: 100, burstLimit: 200 },
      routeSettings: { 'POST /orders': { throttle: { rateLimit: 5, burstLimit: 10 }, detailedMetricsEnabled: false } },
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
      RouteSettings: { 'POST /orders': { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5, DetailedMetricsEnabled: false } },
    });
  });

  test('should add a description to the stage', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    new HttpStage(stack, 'Stage', { httpApi: api, description: 'My Stage' });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { Description: 'My Stage' });
  });

  test('stage variables from props and addStageVariable', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    const stage = new HttpStage(stack, 'Stage', { httpApi: api, stageVariables: { env: 'prod' } });
    stage.addStageVariable('backend', 'https://example.com/v1');

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageVariables: { env: 'prod', backend: 'https://example.com/v1' },
    });
  });

  test('a stage without the new props synthesizes as in 1.123 (no StageVariables, AccessLogSettings or DefaultRouteSettings)', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api');
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageVariables: Match.absent(), AccessLogSettings: Match.absent(), DefaultRouteSettings: Match.absent(), Description: Match.absent(),
    });
  });

  test('refuses stage variable names and values that CloudFormation refuses', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    expectError(() => new HttpStage(stack, 'S1', { httpApi: api, stageName: 's1', stageVariables: { 'my-var': 'x' } }),
      "HttpStage stageVariables names must be letters, digits and _, got 'my-var' (at 'Stack/S1')");
    expectError(() => new HttpStage(stack, 'S2', { httpApi: api, stageName: 's2', stageVariables: { v: 'a b' } }),
      "HttpStage stageVariables.v must be letters, digits and -._~:/?#&=,, got 'a b' (at 'Stack/S2')");
  });

  test('addStageVariable on an imported stage warns that it has no effect', () => {
    const stack = newStack();
    const stage = HttpStage.fromHttpStageAttributes(stack, 'Imported', { api: new HttpApi(stack, 'Api'), stageName: 'prod' });
    stage.addStageVariable('env', 'prod');
    Annotations.fromStack(stack).hasWarning('/Stack/Imported', Match.stringLikeRegexp('addStageVariable has no effect on an imported stage'));
  });
});

describe('access logs', () => {
  test('writes to a log group in Common Log Format by default (HTTP)', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    const logGroup = new LogGroup(stack, 'Logs');
    new HttpStage(stack, 'Stage', { httpApi: api, accessLogSettings: { destination: new LogGroupLogDestination(logGroup) } });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: stack.resolve(logGroup.logGroupArn) as unknown, Format: AccessLogFormat.clf().toString() },
    });
  });

  test('takes a JSON format with the standard fields', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    const format = AccessLogFormat.jsonWithStandardFields();
    new HttpStage(stack, 'Stage', { httpApi: api, accessLogSettings: { destination: new LogGroupLogDestination(new LogGroup(stack, 'Logs')), format } });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"') },
    });
  });

  test('throws when the access log format does not include requestId', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    const format = AccessLogFormat.custom(JSON.stringify({ status: AccessLogField.contextStatus() }));
    expectError(() => new HttpStage(stack, 'Stage', { httpApi: api, accessLogSettings: { destination: new LogGroupLogDestination(new LogGroup(stack, 'Logs')), format } }),
      'Access log must include either `AccessLogFormat.contextRequestId()` or `AccessLogFormat.contextExtendedRequestId()`: '
      + 'HttpStage accessLogSettings.format must contain $context.requestId or $context.extendedRequestId, got \'{"status":"$context.status"}\' (at \'Stack/Stage\')');
  });

  test('accepts $context.extendedRequestId instead of $context.requestId', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api', { createDefaultStage: false });
    const format = AccessLogFormat.custom(`${AccessLogField.contextExtendedRequestId()} ${AccessLogField.contextStatus()}`);
    expect(() => new HttpStage(stack, 'Stage', { httpApi: api, accessLogSettings: { destination: new LogGroupLogDestination(new LogGroup(stack, 'Logs')), format } }))
      .not.toThrow();
  });

  test('WebSocket stages default to the connection-oriented format and take throttle and description', () => {
    const stack = newStack();
    const api = new WebSocketApi(stack, 'Api');
    const logGroup = new LogGroup(stack, 'Logs');
    const stage = new WebSocketStage(stack, 'Stage', {
      webSocketApi: api, stageName: 'dev', throttle: { rateLimit: 10, burstLimit: 20 }, description: 'chat',
      accessLogSettings: { destination: new LogGroupLogDestination(logGroup) },
    });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      Description: 'chat',
      DefaultRouteSettings: { ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10 },
      AccessLogSettings: { Format: stage.defaultAccessLogFormat().toString() },
    });
    expect(stage.defaultAccessLogFormat().toString())
      .toBe('$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] "$context.eventType $context.routeKey $context.connectionId" $context.status $context.requestId');
  });
});
