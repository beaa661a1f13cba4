import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../../test/support/expect-error';
import { ApiDefinition, HttpApi, HttpMethod } from '../../index';
import { LambdaProxyIntegration } from '../../integrations';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function fn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
}

const PETS = {
  openapi: '3.0.1',
  info: { title: 'pets', version: '1' },
  paths: { '/pets/{id}': { get: { operationId: 'getPet', responses: {} } }, '/pets': { post: { responses: {} } } },
};

describe('HttpApi apiDefinition', () => {
  test('sends an inline definition as Body, with failOnWarnings, named by the document unless apiName is given', () => {
    const stack = newStack();
    new HttpApi(stack, 'Api', { apiDefinition: ApiDefinition.fromInline(PETS), failOnWarnings: true });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { Body: Match.objectLike({ openapi: '3.0.1' }), FailOnWarnings: true, Name: Match.absent(), ProtocolType: Match.absent() });
  });

  test('binds handlers by operationId and route key: a Lambda proxy integration in the document and one invoke permission', () => {
    const stack = newStack();
    const handler = fn(stack);
    new HttpApi(stack, 'Api', { apiDefinition: ApiDefinition.fromInline(PETS), apiDefinitionHandlers: { 'getPet': handler, 'POST /pets': handler } });
    const template = Template.fromStack(stack);
    const integration = { 'x-amazon-apigateway-integration': { type: 'aws_proxy', httpMethod: 'POST', uri: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Fn'), 'Arn'] }, payloadFormatVersion: '2.0' } };
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { Body: Match.objectLike({ paths: { '/pets/{id}': { get: Match.objectLike(integration) }, '/pets': { post: Match.objectLike(integration) } } }) });
    template.resourceCountIs('AWS::Lambda::Permission', 1);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'apigateway.amazonaws.com',
      Action: 'lambda:InvokeFunction',
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([{ Ref: Match.stringLikeRegexp('^Api') }, '/*/*/*'])] },
    });
    // The user's object is not changed.
    expect(PETS.paths['/pets'].post).toEqual({ responses: {} });
  });

  test('refuses a handler for an operation the document does not have', () => {
    const stack = newStack();
    expectError(
      () => new HttpApi(stack, 'Api', { apiDefinition: ApiDefinition.fromInline(PETS), apiDefinitionHandlers: { listPets: fn(stack) } }),
      "HttpApi apiDefinitionHandlers['listPets'] must name an operation of apiDefinition by operationId or route key ('GET /books/{id}', '$default'), got 'listPets' (at 'Stack/Api')",
    );
  });

  test.each([
    ['not OpenAPI 3', { swagger: '2.0', paths: {} }, "HttpApi apiDefinition #/openapi must be an OpenAPI 3.0 version such as '3.0.1', got '2.0' (at 'Stack/Api')"],
    [
      'an unknown integration type',
      { openapi: '3.0.1', paths: { '/a': { get: { 'x-amazon-apigateway-integration': { type: 'mock' } } } } },
      "HttpApi apiDefinition #/paths/~1a/get/x-amazon-apigateway-integration/type must be 'aws_proxy' or 'http_proxy' (the integration types of HTTP APIs), got 'mock' (at 'Stack/Api')",
    ],
    ['a route path API Gateway rejects', { openapi: '3.0.1', paths: { '/a/': { get: {} } } }, "HttpApi apiDefinition #/paths/~1a~1 must not end with '/', got '/a/' (at 'Stack/Api')"],
    [
      'an authorizer reference to nothing',
      { openapi: '3.0.1', paths: { '/a': { get: { security: [{ jwt: [] }] } } } },
      "HttpApi apiDefinition #/paths/~1a/get/security/0/jwt must name a scheme of #/components/securitySchemes, got 'jwt' (at 'Stack/Api')",
    ],
  ])('refuses %s at synth, naming the JSON pointer and the rule', (_name, document, message) => {
    expectError(() => new HttpApi(newStack(), 'Api', { apiDefinition: ApiDefinition.fromInline(document) }), message);
  });
});

describe('HttpApi.toOpenApi', () => {
  test('exports routes, integrations and the $default route, keeping CloudFormation intrinsics for deploy-time values', () => {
    const stack = newStack();
    const handler = fn(stack);
    const api = new HttpApi(stack, 'Api', { defaultIntegration: new LambdaProxyIntegration({ handler }) });
    api.addRoutes({ path: '/books/{id}', methods: [HttpMethod.GET, HttpMethod.ANY], integration: new LambdaProxyIntegration({ handler }) });
    const document = api.toOpenApi({ stageName: '$default' }) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(document.paths)).toEqual(['/$default', '/books/{id}']);
    expect(document.paths['/books/{id}']).toMatchObject({
      'get': { 'x-amazon-apigateway-integration': { type: 'aws_proxy', uri: { 'Fn::GetAtt': [expect.stringMatching(/^Fn/) as unknown, 'Arn'] }, payloadFormatVersion: '2.0' } },
      'x-amazon-apigateway-any-method': { responses: { default: { description: 'Default response for ANY /books/{id}' } } },
      'parameters': [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    });
    expect(document.paths['/$default']?.['x-amazon-apigateway-any-method']).toMatchObject({ isDefaultRoute: true });
  });
});
