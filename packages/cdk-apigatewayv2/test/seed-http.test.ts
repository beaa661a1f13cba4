// The HTTP examples of seed 004 (the v1.123 README), in TypeScript, synthesized and checked, with the real
// HttpProxyIntegration / LambdaProxyIntegration of the integrations submodule.
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { CorsHttpMethod, DomainName, HttpApi, HttpMethod, HttpStage, VpcLink } from '../src';
import { HttpProxyIntegration, LambdaProxyIntegration } from '../src/integrations';
import { expectError } from './support/expect-error';

function newStack(): Stack {
  return new Stack(new App(), 'Stack');
}

function handler(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });') });
}

describe('seed 004: HTTP API', () => {
  test('defining HTTP APIs: GET /books to an HTTP proxy, every other method to a Lambda function', () => {
    const stack = newStack();
    const getBooksIntegration = new HttpProxyIntegration({ url: 'https://get-books-proxy.myproxy.internal' });
    const booksDefaultFn = handler(stack, 'BooksDefaultFn');
    const booksDefaultIntegration = new LambdaProxyIntegration({ handler: booksDefaultFn });

    const httpApi = new HttpApi(stack, 'HttpApi');
    httpApi.addRoutes({ path: '/books', methods: [HttpMethod.GET], integration: getBooksIntegration });
    httpApi.addRoutes({ path: '/books', methods: [HttpMethod.ANY], integration: booksDefaultIntegration });

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'HttpApi', ProtocolType: 'HTTP' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /books' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /books' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://get-books-proxy.myproxy.internal' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BooksDefaultFn'), 'Arn'] } });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AutoDeploy: true });
  });

  test('disableExecuteApiEndpoint', () => {
    const stack = newStack();
    new HttpApi(stack, 'HttpApi', { disableExecuteApiEndpoint: true });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
  });

  test('defaultIntegration creates the $default route', () => {
    const stack = newStack();
    new HttpApi(stack, 'HttpProxyApi', { defaultIntegration: new HttpProxyIntegration({ url: 'http://example.com' }) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: 'http://example.com' });
  });

  test('cross origin resource sharing, with the seed\'s maxAge of 10 days rejected as API Gateway would', () => {
    const corsPreflight = {
      allowHeaders: ['Authorization'],
      allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.HEAD, CorsHttpMethod.OPTIONS, CorsHttpMethod.POST],
      allowOrigins: ['*'],
      maxAge: Duration.days(10),
    };
    // API Gateway accepts MaxAge from -1 to 86400 seconds; the v1.123 README's 10 days would fail at deploy time.
    expectError(() => new HttpApi(newStack(), 'HttpProxyApi', { corsPreflight }), 'HttpApi corsPreflight.maxAge must be at most 86400 seconds, got 864000 seconds (at \'Stack/HttpProxyApi\')');

    const stack = newStack();
    new HttpApi(stack, 'HttpProxyApi', { corsPreflight: { ...corsPreflight, maxAge: Duration.days(1) } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowHeaders: ['Authorization'], AllowMethods: ['GET', 'HEAD', 'OPTIONS', 'POST'], AllowOrigins: ['*'], MaxAge: 86400 },
    });
  });

  test('publishing HTTP APIs: a beta stage', () => {
    const stack = newStack();
    const api = new HttpApi(stack, 'Api');
    const stage = new HttpStage(stack, 'Stage', { httpApi: api, stageName: 'beta' });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: 'beta', ApiId: { Ref: Match.stringLikeRegexp('^Api') } });
    expect(JSON.stringify(stack.resolve(stage.url))).toMatch(/"\/beta"\]\]\}$/);
  });

  test('custom domain: default mapping, a beta stage mapping and a second API on the same domain', () => {
    const stack = newStack();
    const handlerFn = handler(stack, 'Handler');
    const certArn = 'arn:aws:acm:us-east-1:111111111111:certificate';
    const domainName = 'example.com';

    const dn = new DomainName(stack, 'DN', {
      domainName,
      certificate: acm.Certificate.fromCertificateArn(stack, 'cert', certArn),
    });

    const api = new HttpApi(stack, 'HttpProxyProdApi', {
      defaultIntegration: new LambdaProxyIntegration({ handler: handlerFn }),
      // https://${dn.domainName}/foo goes to prodApi $default stage
      defaultDomainMapping: { domainName: dn, mappingKey: 'foo' },
    });

    api.addStage('beta', {
      stageName: 'beta',
      autoDeploy: true,
      // https://${dn.domainName}/bar goes to the beta stage
      domainMapping: { domainName: dn, mappingKey: 'bar' },
    });

    const apiDemo = new HttpApi(stack, 'DemoApi', {
      defaultIntegration: new LambdaProxyIntegration({ handler: handlerFn }),
      // https://${dn.domainName}/demo goes to apiDemo $default stage
      defaultDomainMapping: { domainName: dn, mappingKey: 'demo' },
    });

    const demoDomainUrl = apiDemo.defaultStage?.domainUrl;

    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'example.com', DomainNameConfigurations: [{ CertificateArn: certArn, EndpointType: 'REGIONAL' }] });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 3);
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'foo', Stage: '$default', ApiId: { Ref: Match.stringLikeRegexp('^HttpProxyProdApi') } });
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'bar', Stage: 'beta' });
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'demo', Stage: '$default', ApiId: { Ref: Match.stringLikeRegexp('^DemoApi') } });
    expect(demoDomainUrl).toBe('https://example.com/demo');
  });

  test('metrics of the API and of a stage, with the seed\'s second $default stage rejected as API Gateway would', () => {
    // The seed adds `new HttpStage(stack, 'Stage', { httpApi: api })` to an API that already has its $default
    // stage: API Gateway refuses a second stage of the same name, so the construct rejects it at synth.
    const seedStack = newStack();
    const seedApi = new HttpApi(seedStack, 'my-api');
    expectError(() => new HttpStage(seedStack, 'Stage', { httpApi: seedApi }), `HttpStage stageName must be unique within an API, got '$default' which is already used by Stack/my-api/DefaultStage (at 'Stack/Stage')`);

    const stack = newStack();
    const api = new HttpApi(stack, 'my-api', { createDefaultStage: false });
    const clientErrorMetric = api.metricClientError();
    const stage = new HttpStage(stack, 'Stage', { httpApi: api });
    const stageClientErrorMetric = stage.metricClientError();
    expect(clientErrorMetric.metricName).toBe('4xx');
    expect(Object.keys(stack.resolve(clientErrorMetric.dimensions) as object)).toEqual(['ApiId']);
    expect(stack.resolve(stageClientErrorMetric.dimensions)).toMatchObject({ Stage: '$default' });
  });

  test('VPC link to a private VPC, and importing an existing link', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'VPC');
    const vpcLink = new VpcLink(stack, 'VpcLink', { vpc });
    const awesomeLink = VpcLink.fromVpcLinkAttributes(stack, 'awesome-vpc-link', { vpcLinkId: 'us-east-1_oiuR12Abd', vpc });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::VpcLink', { SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('PrivateSubnet1') }]) });
    expect(vpcLink.vpc).toBe(vpc);
    expect(awesomeLink.vpcLinkId).toBe('us-east-1_oiuR12Abd');
  });
});

describe('seed 004: integrations bound through the core', () => {
  test('one Lambda integration per API when the seed\'s handler serves two APIs', () => {
    const stack = newStack();
    const handlerFn = handler(stack, 'Handler');
    const integration = new LambdaProxyIntegration({ handler: handlerFn });
    const prod = new HttpApi(stack, 'Prod', { defaultIntegration: integration });
    prod.addRoutes({ path: '/books', integration });
    new HttpApi(stack, 'Demo', { defaultIntegration: integration });
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::Integration', 2);
  });
});
