import { createHash } from 'node:crypto';
import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { FixedConfigIntegration, RecordingLambdaIntegration, UrlIntegration } from '../../test/support/fake-route-integrations';
import { HttpApi, HttpIntegrationType, HttpMethod, HttpRoute, HttpRouteKey, PayloadFormatVersion } from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function integrationLogicalIds(stack: Stack): string[] {
  return Object.keys(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Integration')).sort();
}

describe('binding route integrations', () => {
  test('creates one integration for two routes that share an integration object', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const integration = new RecordingLambdaIntegration('arn:aws:lambda:us-east-1:123456789012:function:books');
    api.addRoutes({ path: '/books', methods: [HttpMethod.GET, HttpMethod.POST], integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 2);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    expect(integration.boundPaths).toEqual(['/books', '/books']);
  });

  test('reuses the integration for two integration objects with equal configurations', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new UrlIntegration('https://example.com') });
    api.addRoutes({ path: '/b', integration: new UrlIntegration('https://example.com') });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
  });

  test('creates one integration for two routes that share a Lambda function referenced by token', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>({})') });
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new RecordingLambdaIntegration(fn.functionArn) });
    api.addRoutes({ path: '/b', integration: new RecordingLambdaIntegration(fn.functionArn) });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
  });

  test('shares one integration between two different tokens that resolve to the same function ARN', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>({})') });
    const api = new HttpApi(stack, 'Api');
    const sameArnOtherToken = Lazy.string({ produce: () => fn.functionArn });
    expect(sameArnOtherToken).not.toBe(fn.functionArn);
    api.addRoutes({ path: '/a', integration: new RecordingLambdaIntegration(fn.functionArn) });
    api.addRoutes({ path: '/b', integration: new RecordingLambdaIntegration(sameArnOtherToken) });
    api.addRoutes({ path: '/c', integration: new RecordingLambdaIntegration(fn.functionArn) });
    api.addRoutes({ path: '/d', integration: new RecordingLambdaIntegration(sameArnOtherToken) });

    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
  });

  test('creates a separate integration for each distinct configuration', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/v1', integration: new RecordingLambdaIntegration('arn:fn', PayloadFormatVersion.VERSION_1_0) });
    api.addRoutes({ path: '/v2', integration: new RecordingLambdaIntegration('arn:fn', PayloadFormatVersion.VERSION_2_0) });
    api.addRoutes({ path: '/url', integration: new UrlIntegration('https://example.com', HttpMethod.GET) });
    api.addRoutes({ path: '/url-any', integration: new UrlIntegration('https://example.com', HttpMethod.ANY) });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 4);
  });

  test('treats configurations that differ only in unset optional fields as equal', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new FixedConfigIntegration({ type: HttpIntegrationType.LAMBDA_PROXY, uri: 'arn:fn', payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 }) });
    api.addRoutes({ path: '/b', integration: new FixedConfigIntegration({ type: HttpIntegrationType.LAMBDA_PROXY, uri: 'arn:fn', payloadFormatVersion: PayloadFormatVersion.custom('2.0'), method: undefined }) });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 1);
  });

  test('keeps configurations whose keys come in another order apart, as @aws-cdk 1.123 did (its ids hash the JSON text)', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new FixedConfigIntegration({ type: HttpIntegrationType.LAMBDA_PROXY, uri: 'arn:fn', payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 }) });
    api.addRoutes({ path: '/b', integration: new FixedConfigIntegration({ payloadFormatVersion: PayloadFormatVersion.VERSION_2_0, uri: 'arn:fn', type: HttpIntegrationType.LAMBDA_PROXY }) });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
  });

  test('creates one integration per API when one integration object serves two APIs', () => {
    const stack = newStack();
    const integration = new RecordingLambdaIntegration('arn:fn');
    const first = new HttpApi(stack, 'First');
    const second = new HttpApi(stack, 'Second');
    first.addRoutes({ path: '/x', integration });
    second.addRoutes({ path: '/x', integration });
    first.addRoutes({ path: '/y', integration });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
    for (const api of ['First', 'Second']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { ApiId: { Ref: Match.stringLikeRegexp(`^${api}`) } });
    }
  });

  test('creates each integration under the first route that binds it, named by a hash of its configuration (1.123\'s ids)', () => {
    const build = (paths: string[]): string[] => {
      const stack = newStack();
      const api = new HttpApi(stack, 'Api');
      for (const path of paths) {
        api.addRoutes({ path, integration: new UrlIntegration(`https://example.com${path}`) });
      }
      return integrationLogicalIds(stack);
    };
    const forward = build(['/a', '/b', '/c']);
    expect(forward).toHaveLength(3);
    expect(build(['/c', '/a', '/b'])).toEqual(forward);
    expect(forward.map((id) => id.replace(/HttpIntegration.*$/, ''))).toEqual(['ApiANYa', 'ApiANYb', 'ApiANYc']);
    // The hash is the MD5 of the resolved configuration's JSON text.
    expect(forward[0]).toContain(createHash('md5').update(JSON.stringify({ type: 'HTTP_PROXY', uri: 'https://example.com/a', method: 'ANY', payloadFormatVersion: { version: '1.0' } })).digest('hex'));
  });

  test('points each route at its integration', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    new HttpRoute(stack, 'Route', { httpApi: api, routeKey: HttpRouteKey.with('/pets'), integration: new UrlIntegration('https://pets.example.com') });
    const [integrationId] = integrationLogicalIds(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /pets',
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
    });
  });
});
