import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { FixedConfigIntegration, PrivateUrlIntegration } from '../../test/support/fake-route-integrations';
import {
  HttpApi, HttpConnectionType, HttpIntegration, HttpIntegrationProps, HttpIntegrationType, HttpMethod, PayloadFormatVersion,
} from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

describe('HttpIntegration', () => {
  test('defaults Lambda integrations to payload 2.0 and HTTP ones to 1.0', () => {
    const stack = newStack();
    const httpApi = new HttpApi(stack, 'Api');
    new HttpIntegration(stack, 'Lambda', { httpApi, integrationType: HttpIntegrationType.LAMBDA_PROXY, integrationUri: 'arn:fn' });
    new HttpIntegration(stack, 'Url', { httpApi, integrationType: HttpIntegrationType.HTTP_PROXY, integrationUri: 'https://example.com', method: HttpMethod.GET });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationMethod: Match.absent() });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'HTTP_PROXY', PayloadFormatVersion: '1.0', IntegrationMethod: 'GET' });
  });

  test('writes a private integration through a VPC link with TLS server name', () => {
    const stack = newStack();
    const httpApi = new HttpApi(stack, 'Api');
    new HttpIntegration(stack, 'Private', {
      httpApi, integrationType: HttpIntegrationType.HTTP_PROXY, integrationUri: 'arn:aws:elasticloadbalancing:listener', method: HttpMethod.ANY,
      connectionType: HttpConnectionType.VPC_LINK, connectionId: 'vpclink-1', secureServerName: 'internal.example.com',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ConnectionType: 'VPC_LINK', ConnectionId: 'vpclink-1', TlsConfig: { ServerNameToVerify: 'internal.example.com' },
    });
  });

  test('binds a private route integration', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { defaultIntegration: new PrivateUrlIntegration('arn:listener', 'link-1') });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { ConnectionType: 'VPC_LINK', ConnectionId: 'link-1', IntegrationUri: 'arn:listener' });
  });

  test('keeps a custom payload format version', () => {
    expect(PayloadFormatVersion.custom('3.0').version).toBe('3.0');
  });
});

describe('HttpIntegration validation', () => {
  const http = { integrationType: HttpIntegrationType.HTTP_PROXY, integrationUri: 'https://example.com', method: HttpMethod.GET };
  const cases: [string, Omit<HttpIntegrationProps, 'httpApi'>, string][] = [
    ['an HTTP proxy with payload 2.0', { ...http, payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 }, `HttpIntegration payloadFormatVersion must be '1.0' for HTTP_PROXY integrations, got '2.0' (at 'Stack/I')`],
    ['an HTTP proxy to something that is not a URL', { ...http, integrationUri: 'example.com/books' }, `HttpIntegration integrationUri must be an http:// or https:// URL for an HTTP_PROXY integration over the internet, got 'example.com/books' (at 'Stack/I')`],
    ['a Lambda integration through a VPC link', { integrationType: HttpIntegrationType.LAMBDA_PROXY, integrationUri: 'arn:fn', connectionType: HttpConnectionType.VPC_LINK, connectionId: 'l' }, 'HttpIntegration connectionType VPC_LINK is only valid for HTTP_PROXY integrations, got integrationType LAMBDA_PROXY (at \'Stack/I\')'],
    ['a VPC link integration without link id', { ...http, integrationUri: 'arn:listener', connectionType: HttpConnectionType.VPC_LINK }, 'HttpIntegration connectionId (a VPC link id) is required when connectionType is VPC_LINK, got undefined (at \'Stack/I\')'],
    ['a link id on an internet integration', { ...http, connectionId: 'link-1' }, 'HttpIntegration connectionId is only valid when connectionType is VPC_LINK, got connectionType INTERNET (default) (at \'Stack/I\')'],
    ['a TLS server name on an internet integration', { ...http, secureServerName: 'x.example.com' }, `HttpIntegration secureServerName is only valid for private integrations (connectionType VPC_LINK), got 'x.example.com' (at 'Stack/I')`],
  ];

  test.each(cases)('rejects %s', (_name, props, message) => {
    const stack = newStack();
    expectError(() => new HttpIntegration(stack, 'I', { httpApi: new HttpApi(stack, 'Api'), ...props }), message);
  });

  test('accepts an HTTP proxy without method from a route integration, as 1.123 did, with a warning', () => {
    const stack = newStack();
    const integration = new FixedConfigIntegration({ type: HttpIntegrationType.HTTP_PROXY, uri: 'https://example.com', payloadFormatVersion: PayloadFormatVersion.VERSION_1_0 });
    new HttpApi(stack, 'Api').addRoutes({ path: '/x', integration });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'HTTP_PROXY', IntegrationMethod: Match.absent() });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('HttpIntegration method should be set for an HTTP_PROXY integration'));
  });

  test('accepts an HTTP proxy URL with a stage variable placeholder', () => {
    const stack = newStack();
    new HttpIntegration(stack, 'I', { httpApi: new HttpApi(stack, 'Api'), ...http, integrationUri: '${stageVariables.url}' });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: '${stageVariables.url}' });
  });

  test('rejects a custom payload format version that is not major.minor', () => {
    expectError(() => PayloadFormatVersion.custom('v2'), `PayloadFormatVersion version must be '<major>.<minor>' (e.g. '2.0'), got 'v2'`);
  });
});
