import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readModelFiles } from '../template/index.js';
import { writeFiles } from '../template/template-test-fixtures.js';
import type { GatewayModel, LambdaAuthorizerModel } from '../model/index.js';
import { handleHttpRequest } from '../http/handle-http-request.js';
import { deps, FakeInvoker, httpApi, request, returns, route, stage } from '../http/http-test-fixtures.js';
import { checkInvokePermissions, invokePermissionWarnings } from './invoke-permissions.js';

const PREFIX = 'arn:aws:execute-api:us-east-1:123456789012:';
const api = { 'Fn::Join': ['', ['arn:aws:execute-api:us-east-1:123456789012:', { Ref: 'Api' }]] };

function permission(sourceTail: string | undefined, extra: Record<string, unknown> = {}): object {
  return {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
      ...(sourceTail !== undefined && { SourceArn: { 'Fn::Join': ['', [api, sourceTail]] } }),
      ...extra,
    },
  };
}

/** A Lambda (REQUEST) authorizer `auth` on `Fn`, with `extra` properties. */
function lambdaAuthorizer(extra: Record<string, unknown> = {}): object {
  return {
    Type: 'AWS::ApiGatewayV2::Authorizer',
    Properties: {
      ApiId: { Ref: 'Api' },
      AuthorizerType: 'REQUEST',
      Name: 'auth',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      AuthorizerUri: { 'Fn::Join': ['', ['arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/', { 'Fn::GetAtt': ['Fn', 'Arn'] }, '/invocations']] },
      ...extra,
    },
  };
}

async function modelWith(resources: Record<string, object>, options: { routes?: string[]; stages?: string[] } = {}): Promise<GatewayModel> {
  const routes = options.routes ?? ['GET /books/{id}'];
  const template = {
    Resources: {
      Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } } },
      Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'books', ProtocolType: 'HTTP' } },
      Integration: {
        Type: 'AWS::ApiGatewayV2::Integration',
        Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] }, PayloadFormatVersion: '2.0' },
      },
      ...Object.fromEntries(
        routes.map((routeKey, i) => [
          `Route${i}`,
          { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: routeKey, Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] } } },
        ]),
      ),
      ...Object.fromEntries(
        (options.stages ?? ['$default']).map((name, i) => [`Stage${i}`, { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: name } }]),
      ),
      ...resources,
    },
  };
  const dir = writeFiles({ 'template.json': template });
  return checkInvokePermissions(await readModelFiles({ template: join(dir, 'template.json') }));
}

const routesOf = (model: GatewayModel) => model.apis[0].routes;

describe('checkInvokePermissions', () => {
  test('a permission whose SourceArn covers the route (aws-cdk-lib shape) leaves the route served', async () => {
    const model = await modelWith({ Perm: permission('/*/*/books/{id}') });
    expect(routesOf(model)[0].invokeDenied).toBeUndefined();
    expect(invokePermissionWarnings(model)).toEqual([]);
  });

  test('a permission without SourceArn covers every route; one for the whole API (/*/*/*) too', async () => {
    expect(routesOf(await modelWith({ Perm: permission(undefined) }))[0].invokeDenied).toBeUndefined();
    expect(routesOf(await modelWith({ Perm: permission('/*/*/*') }))[0].invokeDenied).toBeUndefined();
  });

  test('no permission at all: the route is denied on every stage, and the warning names the route and what is missing', async () => {
    const model = await modelWith({}, { stages: ['$default', 'prod'] });
    const denied = routesOf(model)[0].invokeDenied!;
    expect(Object.keys(denied)).toEqual(['$default', 'prod']);
    expect(denied.prod).toContain('route GET /books/{id} on stage prod');
    expect(denied.prod).toContain('has no AWS::Lambda::Permission for apigateway.amazonaws.com');
    expect(denied.prod).toContain(`${PREFIX}${model.apis[0].apiId}/prod/GET/books/{id}`);
    const warnings = invokePermissionWarnings(model);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ logicalId: 'Route0' });
    expect(warnings[0].message).toMatch(/--ignore-permissions.*answers 500$/);
  });

  test('a SourceArn for another path, method or stage does not cover the route, and is named', async () => {
    const model = await modelWith({ Perm: permission('/*/*/books'), ProdOnly: permission('/prod/GET/books/{id}') }, { stages: ['$default', 'prod'] });
    const denied = routesOf(model)[0].invokeDenied!;
    expect(Object.keys(denied)).toEqual(['$default']);
    expect(denied.$default).toContain('do not cover it: Perm (SourceArn');
  });

  test('wrong principal, an action other than invoking, or another SourceAccount do not count', async () => {
    for (const extra of [{ Principal: 's3.amazonaws.com' }, { Action: 'lambda:GetFunction' }, { SourceAccount: '999999999999' }]) {
      expect(routesOf(await modelWith({ Perm: permission('/*/*/*', extra) }))[0].invokeDenied).toBeDefined();
    }
    expect(routesOf(await modelWith({ Perm: permission('/*/*/*', { Action: 'lambda:*' }) }))[0].invokeDenied).toBeUndefined();
  });

  test('a permission naming the function by name, by alias ARN or by Ref finds it as the reader does', async () => {
    const byRef = await modelWith({ Perm: permission('/*/*/*', { FunctionName: { Ref: 'Fn' } }) });
    expect(routesOf(byRef)[0].invokeDenied).toBeUndefined();
    const alias = { 'Fn::Join': [':', [{ 'Fn::GetAtt': ['Fn', 'Arn'] }, 'live']] };
    expect(routesOf(await modelWith({ Perm: permission('/*/*/*', { FunctionName: alias }) }))[0].invokeDenied).toBeUndefined();
  });

  test('a permission whose FunctionName cannot be resolved allows nothing, and the denial says so', async () => {
    const model = await modelWith({ Perm: permission('/*/*/*', { FunctionName: { 'Fn::ImportValue': 'NoSuchExport' } }) });
    const denied = routesOf(model)[0].invokeDenied!.$default;
    expect(denied).toContain('permissions not resolved locally, taken to allow nothing: Perm');
    expect(model.diagnostics.some((d) => d.logicalId === 'Perm' && d.property === 'FunctionName')).toBe(true);
  });

  test('the $default route is checked as {apiId}/{stage}/$default', async () => {
    const covered = await modelWith({ Perm: permission('/*/$default') }, { routes: ['$default'] });
    expect(routesOf(covered)[0].invokeDenied).toBeUndefined();
    const other = await modelWith({ Perm: permission('/*/GET/*') }, { routes: ['$default'] });
    expect(routesOf(other)[0].invokeDenied).toBeDefined();
  });

  test('an integration or authorizer with a credentials role is invoked as that role: no permission needed', async () => {
    const role = 'arn:aws:iam::123456789012:role/invoker';
    const dir = writeFiles({
      'template.json': {
        Resources: {
          Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } } },
          Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'books', ProtocolType: 'HTTP' } },
          Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: '$default' } },
          Integration: {
            Type: 'AWS::ApiGatewayV2::Integration',
            Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] }, PayloadFormatVersion: '2.0', CredentialsArn: role },
          },
          Auth: lambdaAuthorizer({ AuthorizerCredentialsArn: role }),
          Route: {
            Type: 'AWS::ApiGatewayV2::Route',
            Properties: {
              ApiId: { Ref: 'Api' },
              RouteKey: 'GET /books',
              AuthorizationType: 'CUSTOM',
              AuthorizerId: { Ref: 'Auth' },
              Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] },
            },
          },
        },
      },
    });
    const model = checkInvokePermissions(await readModelFiles({ template: join(dir, 'template.json') }));
    expect(routesOf(model)[0].invokeDenied).toBeUndefined();
    expect(([...model.apis[0].authorizers.values()][0] as LambdaAuthorizerModel).invokeDenied).toBeUndefined();
    expect(invokePermissionWarnings(model)).toEqual([]);
  });

  test('a Lambda authorizer needs a permission for {apiId}/authorizers/{authorizerId}', async () => {
    const authorizer = lambdaAuthorizer();
    const authorizerOf = (model: GatewayModel) => [...model.apis[0].authorizers.values()][0] as LambdaAuthorizerModel;
    const denied = await modelWith({ Auth: authorizer, Perm: permission('/*/*/*') });
    expect(authorizerOf(denied).invokeDenied).toContain('authorizer auth: API Gateway may not invoke function');
    expect(invokePermissionWarnings(denied).map((w) => w.logicalId)).toEqual(['Auth']);
    const allowed = await modelWith({ Auth: authorizer, Perm: permission('/*/*/*'), AuthPerm: permission('/authorizers/*') });
    expect(authorizerOf(allowed).invokeDenied).toBeUndefined();
  });

  test('WebSocket routes are checked as {apiId}/{stage}/{routeKey} (aws-cdk-lib grants {apiId}/*{routeKey})', async () => {
    const template = {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Code: { ZipFile: 'x' } } },
        Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' } },
        Integration: {
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: { ApiId: { Ref: 'Api' }, IntegrationType: 'AWS_PROXY', IntegrationUri: { 'Fn::GetAtt': ['Fn', 'Arn'] } },
        },
        Connect: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: '$connect', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] } } },
        Send: { Type: 'AWS::ApiGatewayV2::Route', Properties: { ApiId: { Ref: 'Api' }, RouteKey: 'sendmessage', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integration' }]] } } },
        Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'prod' } },
        Perm: permission('/*$connect'),
      },
    };
    const dir = writeFiles({ 'template.json': template });
    const model = checkInvokePermissions(await readModelFiles({ template: join(dir, 'template.json') }));
    const byKey = new Map(routesOf(model).map((route) => [route.routeKey, route.invokeDenied]));
    expect(byKey.get('$connect')).toBeUndefined();
    expect(byKey.get('sendmessage')?.prod).toContain(`${PREFIX}${model.apis[0].apiId}/prod/sendmessage`);
  });

  test('the HTTP core answers a denied route 500 without invoking the function, on the denied stage only', async () => {
    const invoker = new FakeInvoker(() => returns({ statusCode: 200, body: 'invoked' }));
    const api = httpApi({ routes: [route('GET /pets', 'Integ', { invokeDenied: { $default: 'route GET /pets on stage $default: no permission' } })], stages: [stage('$default'), stage('open')] });
    const denied = await handleHttpRequest(api, request('GET', '/pets'), deps({ invoker }));
    expect(denied.statusCode).toBe(500);
    expect(JSON.parse(denied.body.toString())).toEqual({ message: 'Internal Server Error' });
    expect(denied.log.error).toBe('route GET /pets on stage $default: no permission');
    expect(invoker.calls).toHaveLength(0);
    const served = await handleHttpRequest(api, request('GET', '/open/pets'), deps({ invoker }));
    expect(served.statusCode).toBe(200);
  });

  test('hand-built models without permissions are left alone', () => {
    const model = { apis: [], functions: [], diagnostics: [], environment: { accountId: '1', region: 'r', partition: 'aws', urlSuffix: 'x' } };
    expect(checkInvokePermissions(model)).toBe(model);
  });
});
