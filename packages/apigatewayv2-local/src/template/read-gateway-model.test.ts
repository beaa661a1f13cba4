import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import { handlerDirectory, tempDirectory } from './template-test-fixtures.js';
import type { LambdaIntegrationModel } from '../model/index.js';
import { findFunction } from './find-function.js';
import { readModelFiles as readGatewayModel } from './read-gateway-model.js';

describe('readGatewayModel from a cloud assembly made by aws-cdk-lib', () => {
  const codeDir = handlerDirectory();
  const outdir = tempDirectory();
  {
    const app = new App({ outdir });
    const stack = new Stack(app, 'BooksStack');
    const table = new dynamodb.Table(stack, 'Books', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    const listBooks = new lambda.Function(stack, 'ListBooks', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(codeDir),
      timeout: Duration.seconds(10),
      memorySize: 256,
      environment: { TABLE_NAME: table.tableName, TABLE_ARN: table.tableArn, PLAIN: 'x' },
    });
    const inline = new lambda.Function(stack, 'Inline', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => "hi";'),
      architecture: lambda.Architecture.ARM_64,
    });
    const api = new apigwv2.HttpApi(stack, 'Api', {
      corsPreflight: { allowOrigins: ['https://example.com'], allowMethods: [apigwv2.CorsHttpMethod.GET], maxAge: Duration.minutes(5) },
    });
    api.addRoutes({ path: '/books', methods: [apigwv2.HttpMethod.GET], integration: new integrations.HttpLambdaIntegration('ListInt', listBooks) });
    api.addRoutes({
      path: '/books/{id}',
      methods: [apigwv2.HttpMethod.GET, apigwv2.HttpMethod.DELETE],
      integration: new integrations.HttpLambdaIntegration('InlineInt', inline, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_1_0 }),
      authorizer: new authorizers.HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['books'] }),
    });
    api.addRoutes({ path: '/proxy/{proxy+}', methods: [apigwv2.HttpMethod.ANY], integration: new integrations.HttpUrlIntegration('Url', 'https://backend.example.com/{proxy}') });
    api.addStage('prod', { stageName: 'prod', autoDeploy: true, throttle: { burstLimit: 5, rateLimit: 10 } });
    app.synth();
  }

  test('reads the HTTP API with its routes, integrations, authorizer and stages', async () => {
    const model = await readGatewayModel({ assembly: outdir });
    expect(model.apis).toHaveLength(1);
    const api = model.apis[0];
    expect(api.protocol).toBe('HTTP');
    expect(api.name).toBe('Api');
    expect(api.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(api.cors).toEqual({ allowOrigins: ['https://example.com'], allowMethods: ['GET'], allowHeaders: [], exposeHeaders: [], allowCredentials: false, maxAgeSeconds: 300 });
    expect(api.routes.map((r) => r.routeKey).sort()).toEqual(['ANY /proxy/{proxy+}', 'DELETE /books/{id}', 'GET /books', 'GET /books/{id}']);
    expect(api.stages.map((s) => s.name).sort()).toEqual(['$default', 'prod']);
    expect(api.stages.find((s) => s.name === 'prod')?.defaultRouteSettings).toEqual({ throttlingBurstLimit: 5, throttlingRateLimit: 10 });

    const getBooks = api.routes.find((r) => r.routeKey === 'GET /books')!;
    const integration = api.integrations.get(getBooks.integrationId!) as LambdaIntegrationModel;
    expect(integration.kind).toBe('lambda');
    expect(integration.payloadFormatVersion).toBe('2.0');
    expect(integration.timeoutMs).toBe(30000);
    expect(findFunction(model, integration.functionArn)?.ref.logicalId).toMatch(/^ListBooks/);

    const getBook = api.routes.find((r) => r.routeKey === 'GET /books/{id}')!;
    expect(getBook.authorizationType).toBe('JWT');
    const authorizer = api.authorizers.get(getBook.authorizerId!);
    expect(authorizer).toMatchObject({ kind: 'jwt', issuer: 'https://issuer.example.com', audience: ['books'], identitySource: ['$request.header.Authorization'] });
    // Two routes that share a function share one integration.
    expect(api.routes.find((r) => r.routeKey === 'DELETE /books/{id}')!.integrationId).toBe(getBook.integrationId);
    expect(api.integrations.get(getBook.integrationId!)).toMatchObject({ kind: 'lambda', payloadFormatVersion: '1.0' });

    const proxy = api.routes.find((r) => r.routeKey === 'ANY /proxy/{proxy+}')!;
    expect(api.integrations.get(proxy.integrationId!)).toMatchObject({ kind: 'http-proxy', uri: 'https://backend.example.com/{proxy}', method: 'ANY', connectionType: 'INTERNET' });
  });

  test('reads Lambda functions with code, defaults and resolved environment', async () => {
    const model = await readGatewayModel({ assembly: outdir }, { accountId: '111122223333', region: 'eu-west-1' });
    const list = model.functions.find((f) => f.ref.logicalId.startsWith('ListBooks'))!;
    expect(list.runtime).toBe('nodejs22.x');
    expect(list.handler).toBe('index.handler');
    expect(list.timeoutMs).toBe(10_000);
    expect(list.memoryMb).toBe(256);
    expect(list.architecture).toBe('x86_64');
    expect(list.functionName).toMatch(/^BooksStack-ListBooks[A-Za-z0-9]*-[A-Z0-9]{12}$/);
    expect(list.arn).toBe(`arn:aws:lambda:eu-west-1:111122223333:function:${list.functionName}`);
    expect(list.code.kind).toBe('directory');
    expect(list.environment.PLAIN).toBe('x');
    expect(list.environment.TABLE_NAME).toMatch(/^BooksStack-Books/);
    expect(list.environment.TABLE_ARN).toBe(`arn:aws:dynamodb:eu-west-1:111122223333:table/${list.environment.TABLE_NAME}`);

    const inline = model.functions.find((f) => f.ref.logicalId.startsWith('Inline'))!;
    expect(inline.code).toEqual({ kind: 'inline', source: 'exports.handler = async () => "hi";' });
    expect(inline.timeoutMs).toBe(3000);
    expect(inline.memoryMb).toBe(128);
    expect(inline.architecture).toBe('arm64');
    expect(model.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  test('reads Lambda, IAM and Cognito user pool authorizers made by aws-cdk-lib', async () => {
    const authOut = tempDirectory();
    const app = new App({ outdir: authOut });
    const stack = new Stack(app, 'AuthStack');
    const code = lambda.Code.fromInline('exports.handler = async () => ({ isAuthorized: true });');
    const authFn = new lambda.Function(stack, 'AuthFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
    const target = new lambda.Function(stack, 'Target', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('Client');
    const api = new apigwv2.HttpApi(stack, 'Api');
    const integration = new integrations.HttpLambdaIntegration('Int', target);
    api.addRoutes({
      path: '/lambda',
      integration,
      authorizer: new authorizers.HttpLambdaAuthorizer('LambdaAuth', authFn, {
        responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE],
        identitySource: ['$request.header.X-Token'],
        resultsCacheTtl: Duration.seconds(60),
      }),
    });
    api.addRoutes({ path: '/iam', integration, authorizer: new authorizers.HttpIamAuthorizer() });
    api.addRoutes({ path: '/pool', integration, authorizer: new authorizers.HttpUserPoolAuthorizer('PoolAuth', pool, { userPoolClients: [client] }) });
    app.synth();

    const model = await readGatewayModel({ assembly: authOut });
    expect(model.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const [http] = model.apis;
    const route = (key: string) => http.routes.find((r) => r.routeKey === key)!;
    expect(route('ANY /iam')).toMatchObject({ authorizationType: 'AWS_IAM' });
    expect(route('ANY /iam').authorizerId).toBeUndefined();
    const lambdaAuth = http.authorizers.get(route('ANY /lambda').authorizerId!);
    expect(lambdaAuth).toMatchObject({ kind: 'lambda', payloadFormatVersion: '2.0', enableSimpleResponses: true, resultTtlSeconds: 60, identitySource: ['$request.header.X-Token'] });
    expect(findFunction(model, lambdaAuth!.kind === 'lambda' ? lambdaAuth!.functionArn : '')?.ref.logicalId).toMatch(/^AuthFn/);
    const poolAuth = http.authorizers.get(route('ANY /pool').authorizerId!);
    expect(poolAuth).toMatchObject({ kind: 'jwt', issuer: expect.stringMatching(/^https:\/\/cognito-idp\.us-east-1\.amazonaws\.com\/us-east-1_[A-Za-z0-9]{9}$/) as unknown });
    expect(poolAuth!.kind === 'jwt' && poolAuth!.audience).toEqual([expect.stringMatching(/^[a-z0-9]{26}$/)]);
  });
});
