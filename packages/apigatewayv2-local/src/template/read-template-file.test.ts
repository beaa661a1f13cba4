import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Diagnostic, GatewayModel } from '../model/index.js';
import { findFunction } from './find-function.js';
import { readModelFiles as readGatewayModel } from './read-gateway-model.js';
import { writeFiles } from './template-test-fixtures.js';

const YAML_TEMPLATE = `
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
  Memory:
    Type: Number
    Default: 512
Mappings:
  Timeouts:
    dev: { seconds: 5 }
    prod: { seconds: 20 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Handler:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Sub "books-\${Env}"
      Runtime: nodejs22.x
      Handler: index.handler
      MemorySize: !Ref Memory
      Timeout: !FindInMap [Timeouts, !Ref Env, seconds]
      ReservedConcurrentExecutions: 2
      Code:
        ZipFile: |
          exports.handler = async () => ({ statusCode: 200 });
      Environment:
        Variables:
          STAGE: !Ref Env
          API_URL: !GetAtt Api.ApiEndpoint
          ONLY_PROD: !If [IsProd, yes, !Ref AWS::NoValue]
          QUEUE_URL: !Ref Queue
  Queue:
    Type: AWS::SQS::Queue
  ProdOnly:
    Type: AWS::Lambda::Function
    Condition: IsProd
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Code: { ZipFile: "exports.handler = async () => 1;" }
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: !Sub "books-\${Env}"
      ProtocolType: HTTP
      DisableExecuteApiEndpoint: true
      Tags: { team: books }
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Handler.Arn}/invocations"
      PayloadFormatVersion: "2.0"
      TimeoutInMillis: 5000
  StageVarIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationUri: !Sub "arn:aws:lambda:\${AWS::Region}:\${AWS::AccountId}:function:\${!stageVariables.fn}"
      PayloadFormatVersion: "1.0"
  ServiceIntegration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: AWS_PROXY
      IntegrationSubtype: Kinesis-PutRecord
      RequestParameters: { StreamName: !Ref Queue, Data: $request.body, PartitionKey: x }
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: GET /books/{id}
      Target: !Join [/, [integrations, !Ref Integration]]
      AuthorizationType: CUSTOM
      AuthorizerId: !Ref Authorizer
  ProdRoute:
    Type: AWS::ApiGatewayV2::Route
    Condition: IsProd
    Properties:
      ApiId: !Ref Api
      RouteKey: GET /prod
  Authorizer:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !Ref Api
      Name: lambda-auth
      AuthorizerType: REQUEST
      AuthorizerUri: !Sub "arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${Handler.Arn}/invocations"
      AuthorizerPayloadFormatVersion: "2.0"
      EnableSimpleResponses: true
      IdentitySource: [$request.header.Authorization]
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Api
      StageName: !Ref Env
      StageVariables: { fn: !Ref Handler }
      RouteSettings:
        "GET /books/{id}": { ThrottlingBurstLimit: 1, ThrottlingRateLimit: 2, DetailedMetricsEnabled: true }
      AccessLogSettings: { DestinationArn: x, Format: y }
  Deployment:
    Type: AWS::ApiGatewayV2::Deployment
    Properties: { ApiId: !Ref Api }
  Imported:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: imported
      ProtocolType: HTTP
      Body: { openapi: "3.0.1" }
  S3Code:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Code: { S3Bucket: my-bucket, S3Key: code.zip }
  Sam:
    Type: AWS::Serverless::Function
    Properties: {}
  Permission:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !Ref Handler, Principal: apigateway.amazonaws.com }
Outputs:
  Url:
    Value: !GetAtt Api.ApiEndpoint
`;

function find(model: GatewayModel, logicalId: string, property?: string): Diagnostic | undefined {
  return model.diagnostics.find((d) => d.logicalId === logicalId && (property === undefined || d.property === property));
}

describe('readGatewayModel from a YAML template with short tags', () => {
  const dir = writeFiles({ 'books.yaml': YAML_TEMPLATE });
  const read = (parameters?: Record<string, string>): Promise<GatewayModel> => readGatewayModel({ template: join(dir, 'books.yaml') }, { parameters });

  test('resolves parameters, mappings, conditions and references into the function', async () => {
    const model = await read();
    const fn = model.functions.find((f) => f.ref.logicalId === 'Handler')!;
    expect(fn).toMatchObject({ functionName: 'books-dev', arn: 'arn:aws:lambda:us-east-1:123456789012:function:books-dev', memoryMb: 512, timeoutMs: 5000, reservedConcurrency: 2 });
    expect(fn.code).toEqual({ kind: 'inline', source: 'exports.handler = async () => ({ statusCode: 200 });\n' });
    const api = model.apis.find((a) => a.ref.logicalId === 'Api')!;
    expect(fn.environment).toEqual({
      STAGE: 'dev',
      API_URL: `https://${api.apiId}.execute-api.us-east-1.amazonaws.com`,
      QUEUE_URL: expect.stringMatching(/^https:\/\/sqs\.us-east-1\.amazonaws\.com\/123456789012\/books-Queue-[A-Z0-9]{12}$/) as unknown,
    });
    // The condition is false: the resources it guards are dropped.
    expect(model.functions.map((f) => f.ref.logicalId)).not.toContain('ProdOnly');
    expect(api.routes.map((r) => r.routeKey)).toEqual(['GET /books/{id}']);
  });

  test('parameter overrides change conditions and names', async () => {
    const model = await read({ Env: 'prod', Memory: '1024' });
    expect(model.functions.find((f) => f.ref.logicalId === 'Handler')).toMatchObject({ functionName: 'books-prod', memoryMb: 1024, timeoutMs: 20_000 });
    expect(model.functions.find((f) => f.ref.logicalId === 'Handler')!.environment.ONLY_PROD).toBe('yes');
    expect(model.functions.map((f) => f.ref.logicalId)).toContain('ProdOnly');
    const api = model.apis.find((a) => a.ref.logicalId === 'Api')!;
    expect(api.name).toBe('books-prod');
    expect(api.stages[0].name).toBe('prod');
    // A route without Target is still served (AWS answers it with an error).
    expect(api.routes.find((r) => r.routeKey === 'GET /prod')?.integrationId).toBeUndefined();
  });

  test('reads the API, its Lambda integrations, authorizer and stage', async () => {
    const model = await read();
    const api = model.apis.find((a) => a.ref.logicalId === 'Api')!;
    expect(api).toMatchObject({ name: 'books-dev', protocol: 'HTTP', disableExecuteApiEndpoint: true, routeSelectionExpression: '$request.method $request.path' });
    const route = api.routes[0];
    expect(route).toMatchObject({ routeKey: 'GET /books/{id}', authorizationType: 'CUSTOM', ref: { stackName: 'books', logicalId: 'Route' } });
    expect(api.integrations.get(route.integrationId!)).toMatchObject({
      kind: 'lambda',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:books-dev',
      payloadFormatVersion: '2.0',
      timeoutMs: 5000,
    });
    expect(api.authorizers.get(route.authorizerId!)).toMatchObject({
      kind: 'lambda',
      name: 'lambda-auth',
      functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:books-dev',
      payloadFormatVersion: '2.0',
      enableSimpleResponses: true,
      resultTtlSeconds: 300,
      identitySource: ['$request.header.Authorization'],
    });
    const stageVar = [...api.integrations.values()].find((i) => i.ref.logicalId === 'StageVarIntegration');
    expect(stageVar).toMatchObject({ kind: 'lambda', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}' });
    expect(api.stages).toEqual([
      {
        ref: { stackName: 'books', logicalId: 'Stage' },
        name: 'dev',
        autoDeploy: false,
        stageVariables: { fn: 'books-dev' },
        routeSettings: { 'GET /books/{id}': { throttlingBurstLimit: 1, throttlingRateLimit: 2 } },
        accessLog: { destinationArn: 'x', format: 'y' },
      },
    ]);
    expect(findFunction(model, 'books-dev')?.ref.logicalId).toBe('Handler');
    expect(findFunction(model, 'arn:aws:lambda:us-east-1:123456789012:function:books-dev:live')?.ref.logicalId).toBe('Handler');
    expect(findFunction(model, '123456789012:function:books-dev')?.ref.logicalId).toBe('Handler');
    expect(findFunction(model, 'books-dev:3')?.ref.logicalId).toBe('Handler');
    expect(findFunction(model, 'nope')).toBeUndefined();
  });

  test('reports unsupported resources and properties by logical id and property, and ignores what has no effect', async () => {
    const model = await read();
    expect(find(model, 'ServiceIntegration', 'IntegrationSubtype')).toMatchObject({ severity: 'warning', code: 'UNSUPPORTED_PROPERTY', stackName: 'books' });
    // An OpenAPI Body is served; this one has no paths (OpenAPI 3.0 requires them), named by JSON pointer.
    expect(find(model, 'Imported', 'Body')).toMatchObject({ severity: 'error', code: 'INVALID_PROPERTY', message: 'Body#/paths: must be an object of path items' });
    expect(find(model, 'S3Code', 'Code')).toMatchObject({ severity: 'error', code: 'FUNCTION_CODE_UNAVAILABLE' });
    expect(find(model, 'S3Code')!.message).toContain('s3://my-bucket/code.zip');
    expect(find(model, 'Sam')).toMatchObject({ severity: 'error', code: 'UNSUPPORTED_RESOURCE' });
    expect(find(model, 'Deployment')).toMatchObject({ severity: 'info', code: 'IGNORED_RESOURCE' });
    // Tags, access logs, metrics settings and Lambda permissions change nothing locally.
    expect(find(model, 'Api', 'Tags')).toBeUndefined();
    expect(find(model, 'Stage')).toBeUndefined();
    expect(find(model, 'Permission')).toBeUndefined();
    expect(model.functions.map((f) => f.ref.logicalId)).toEqual(['Handler']);
  });

  test('an unresolvable value becomes a diagnostic, not a crash', async () => {
    const dir2 = writeFiles({
      't.json': {
        Parameters: { NoDefault: { Type: 'String' } },
        Resources: {
          Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'i.h', Code: { ZipFile: 'x' }, Environment: { Variables: { A: { Ref: 'NoDefault' }, B: 'b', C: { 'Fn::ImportValue': 'missing' } } } } },
          Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP', Name: { Ref: 'NoDefault' } } },
          Orphan: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: 'zzzzzzzzzz', RouteKey: 'GET /' } },
          'Fn::ForEach::Topics': ['Name', ['A', 'B'], { 'Topic${Name}': { Type: 'AWS::SNS::Topic' } }],
        },
      },
    });
    const model = await readGatewayModel({ template: join(dir2, 't.json') });
    expect(model.functions[0].environment).toEqual({ B: 'b' });
    expect(find(model, 'Fn', 'Environment.Variables.A')).toMatchObject({ severity: 'error', code: 'UNRESOLVED_VALUE' });
    expect(find(model, 'Fn', 'Environment.Variables.A')!.message).toContain('parameter NoDefault has no Default');
    expect(find(model, 'Fn', 'Environment.Variables.C')!.message).toContain("no stack in the assembly exports 'missing'");
    expect(model.apis[0].name).toBe('Api');
    expect(find(model, 'Orphan', 'ApiId')).toMatchObject({ code: 'UNKNOWN_API' });
    expect(find(model, 'Fn::ForEach::Topics')).toMatchObject({ severity: 'warning', code: 'UNSUPPORTED_RESOURCE' });
  });
});

describe('readGatewayModel reads function settings given through intrinsics', () => {
  test('a whole Environment chosen by Fn::If, and numbers given as strings', async () => {
    const dir = writeFiles({
      'env.json': {
        Conditions: { Yes: { 'Fn::Equals': ['a', 'a'] } },
        Resources: {
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Runtime: 'nodejs22.x',
              Handler: 'i.h',
              Code: { ZipFile: 'x' },
              Timeout: '7',
              MemorySize: 'lots',
              Environment: { 'Fn::If': ['Yes', { Variables: { MODE: 'yes', N: 3 } }, { Ref: 'AWS::NoValue' }] },
            },
          },
        },
      },
    });
    const model = await readGatewayModel({ template: join(dir, 'env.json') });
    expect(model.functions[0]).toMatchObject({ environment: { MODE: 'yes', N: '3' }, timeoutMs: 7000, memoryMb: 128 });
    expect(model.diagnostics).toMatchObject([{ logicalId: 'Fn', property: 'MemorySize', code: 'INVALID_PROPERTY' }]);
  });
});

describe('readGatewayModel reports references that lead nowhere', () => {
  test('a route naming an undefined integration or authorizer, an API without stage, a dynamic reference', async () => {
    const dir = writeFiles({
      'refs.json': {
        Parameters: { FromSsm: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/flag' } },
        Resources: {
          Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { ProtocolType: 'HTTP', Name: 'a' } },
          Route: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'GET /', Target: 'integrations/abc1234', AuthorizationType: 'JWT', AuthorizerId: 'xyz9876' } },
          Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'i.h', Code: { ZipFile: 'x' }, Environment: { Variables: { SECRET: '{{resolve:secretsmanager:db:SecretString:password}}', FLAG: { Ref: 'FromSsm' } } } } },
        },
      },
    });
    const model = await readGatewayModel({ template: join(dir, 'refs.json') });
    expect(find(model, 'Route', 'Target')!.message).toBe('integration abc1234 is not defined; requests to GET / answer 500');
    expect(find(model, 'Route', 'AuthorizerId')!.message).toBe('authorizer xyz9876 is not defined; requests to GET / are refused');
    expect(find(model, 'Api')).toMatchObject({ severity: 'warning', message: 'API a has no stage; it answers every request with 404 until a stage is added' });
    expect(find(model, 'Fn', 'Environment.Variables.SECRET')).toMatchObject({ severity: 'warning', code: 'UNRESOLVED_VALUE' });
    expect(find(model, 'Fn', 'Environment.Variables.FLAG')!.message).toContain('parameter FromSsm is read from SSM (/app/flag) at deploy time');
    expect(model.functions[0].environment.SECRET).toBe('{{resolve:secretsmanager:db:SecretString:password}}');
  });
});

describe('readGatewayModel with legacy asset parameters', () => {
  test('finds the code of a function whose S3 location comes from AssetParameters… parameters', async () => {
    const hash = 'a'.repeat(64);
    const dir = writeFiles({
      'Legacy.template.json': {
        Parameters: {
          [`AssetParameters${hash}S3Bucket12345678`]: { Type: 'String' },
          [`AssetParameters${hash}S3VersionKey9ABCDEF0`]: { Type: 'String' },
          [`AssetParameters${hash}ArtifactHash0FEDCBA9`]: { Type: 'String' },
        },
        Resources: {
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Runtime: 'nodejs22.x',
              Handler: 'index.handler',
              Code: {
                S3Bucket: { Ref: `AssetParameters${hash}S3Bucket12345678` },
                S3Key: {
                  'Fn::Join': [
                    '',
                    [
                      { 'Fn::Select': [0, { 'Fn::Split': ['||', { Ref: `AssetParameters${hash}S3VersionKey9ABCDEF0` }] }] },
                      { 'Fn::Select': [1, { 'Fn::Split': ['||', { Ref: `AssetParameters${hash}S3VersionKey9ABCDEF0` }] }] },
                    ],
                  ],
                },
              },
            },
          },
        },
      },
    });
    mkdirSync(join(dir, `asset.${hash}`));
    writeFileSync(join(dir, `asset.${hash}`, 'index.js'), 'exports.handler = async () => 1;');
    const model = await readGatewayModel({ template: join(dir, 'Legacy.template.json') });
    expect(model.diagnostics).toEqual([]);
    expect(model.functions[0]).toMatchObject({ code: { kind: 'directory', path: join(dir, `asset.${hash}`) } });
    expect(model.functions[0].functionName).toMatch(/^Legacy-Fn-[A-Z0-9]{12}$/);
  });
});
