import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { HttpProxyIntegration, LambdaProxyIntegration } from '../integrations';
import { HttpApi, HttpIntegration, HttpIntegrationType, IntegrationCredentials, MappingValue, ParameterMapping } from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

describe('ParameterMapping and MappingValue', () => {
  test('writes the RequestParameters of the integration', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const parameterMapping = new ParameterMapping()
      .appendHeader('header2', MappingValue.requestHeader('header1'))
      .overwriteHeader('header3', MappingValue.contextVariable('requestId'))
      .removeHeader('header4')
      .appendQueryString('q1', MappingValue.requestQueryString('q0'))
      .overwriteQueryString('q2', MappingValue.stageVariable('v'))
      .removeQueryString('q3')
      .overwritePath(MappingValue.requestPathParam('proxy'));
    api.addRoutes({ path: '/books/{proxy+}', integration: new HttpProxyIntegration({ url: 'https://example.com', parameterMapping }) });

    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      RequestParameters: {
        'append:header.header2': '$request.header.header1',
        'overwrite:header.header3': '$context.requestId',
        'remove:header.header4': '',
        'append:querystring.q1': '$request.querystring.q0',
        'overwrite:querystring.q2': '$stageVariables.v',
        'remove:querystring.q3': '',
        'overwrite:path': '$request.path.proxy',
      },
    });
  });

  test('fromObject and the other mapping values', () => {
    const mapping = ParameterMapping.fromObject({ a: MappingValue.requestBody('x'), b: MappingValue.requestPath(), c: MappingValue.NONE });
    expect(mapping.mappings).toEqual({ a: '$request.body.x', b: '$request.path', c: '' });
  });

  test('an integration with a mapping is its own resource: equal integrations without one stay shared', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new HttpProxyIntegration({ url: 'https://example.com' }) });
    api.addRoutes({ path: '/b', integration: new HttpProxyIntegration({ url: 'https://example.com' }) });
    api.addRoutes({ path: '/c', integration: new HttpProxyIntegration({ url: 'https://example.com', parameterMapping: new ParameterMapping().removeHeader('x') }) });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
  });
});

describe('integration timeout and credentials', () => {
  test('timeout is written in milliseconds on Lambda and HTTP integrations', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const handler = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
    api.addRoutes({ path: '/fn', integration: new LambdaProxyIntegration({ handler, timeout: Duration.seconds(10) }) });
    api.addRoutes({ path: '/url', integration: new HttpProxyIntegration({ url: 'https://example.com', timeout: Duration.millis(50) }) });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', TimeoutInMillis: 10000 });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'HTTP_PROXY', TimeoutInMillis: 50 });
  });

  test('1.123 integrations write no timeout, mapping or credentials', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api').addRoutes({ path: '/url', integration: new HttpProxyIntegration({ url: 'https://example.com' }) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      TimeoutInMillis: Match.absent(), RequestParameters: Match.absent(), CredentialsArn: Match.absent(), IntegrationSubtype: Match.absent(),
    });
  });

  test.each([Duration.millis(49), Duration.millis(30_001)])('refuses a timeout of %s: HTTP APIs accept 50 ms to 30 s', (timeout) => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    // The integration resource refuses it; its construct id is the hash of the configuration.
    const message = new RegExp(`^HttpIntegration timeout must be between 50 milliseconds and 30 seconds, got ${timeout.toHumanString()} \\(at 'Stack/Api/ANY--url/HttpIntegration-[0-9a-f]{32}'\\)$`);
    expect(() => api.addRoutes({ path: '/url', integration: new HttpProxyIntegration({ url: 'https://example.com', timeout }) })).toThrow(message);
  });

  test('accepts 30 s, which aws-cdk-lib refuses (AWS raised the HTTP API limit to 30 s)', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/url', integration: new HttpProxyIntegration({ url: 'https://example.com', timeout: Duration.seconds(30) }) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { TimeoutInMillis: 30000 });
  });

  test('HttpIntegration takes a subtype instead of a URI, and credentials', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    new HttpIntegration(stack, 'Integration', {
      httpApi: api,
      integrationType: HttpIntegrationType.LAMBDA_PROXY,
      integrationSubtype: 'SQS-SendMessage' as never,
      credentials: IntegrationCredentials.useCallerIdentity(),
      parameterMapping: new ParameterMapping().custom('QueueUrl', 'https://sqs.example/q').custom('MessageBody', '$request.body'),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY', IntegrationSubtype: 'SQS-SendMessage', PayloadFormatVersion: '1.0',
      CredentialsArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:user/*']] },
    });
  });

  test('HttpIntegration needs a subtype or a URI', () => {
    const stack = newStack();
    expectError(() => new HttpIntegration(stack, 'Integration', { httpApi: new HttpApi(stack, 'Api'), integrationType: HttpIntegrationType.LAMBDA_PROXY }),
      "Either `integrationSubtype` or `integrationUri` must be specified. HttpIntegration integrationUri is required when there is no integrationSubtype, got undefined (at 'Stack/Integration')");
  });
});

describe('response parameter mappings (CloudFormation ResponseParameters)', () => {
  test('per status code: headers and the status code the client gets', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({
      path: '/books',
      integration: new HttpProxyIntegration({
        url: 'https://example.com',
        responseParameterMappings: {
          404: new ParameterMapping().overwriteStatusCode('204').removeHeader('x-debug'),
          200: new ParameterMapping().appendHeader('x-request-id', MappingValue.contextVariable('requestId')),
        },
      }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ResponseParameters: {
        404: { ResponseParameters: [{ Destination: 'overwrite:statuscode', Source: '204' }, { Destination: 'remove:header.x-debug', Source: '' }] },
        200: { ResponseParameters: [{ Destination: 'append:header.x-request-id', Source: '$context.requestId' }] },
      },
    });
  });

  test('refuses a key that is no status code from 200 to 599, and destinations other than headers and the status code', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const url = 'https://example.com';
    expect(() => api.addRoutes({ path: '/a', integration: new HttpProxyIntegration({ url, responseParameterMappings: { 199: new ParameterMapping().overwriteStatusCode('200') } }) }))
      .toThrow(/^HttpIntegration responseParameterMappings keys must be status codes from 200 to 599, got '199' \(at 'Stack\/Api\/ANY--a\/HttpIntegration-[0-9a-f]{32}'\)$/);
    expect(() => api.addRoutes({ path: '/b', integration: new HttpProxyIntegration({ url, responseParameterMappings: { 500: new ParameterMapping().overwritePath(MappingValue.requestPath()) } }) }))
      .toThrow(/^HttpIntegration responseParameterMappings.500 may only change headers .* and 'overwrite:statuscode', got 'overwrite:path'/);
  });
});

