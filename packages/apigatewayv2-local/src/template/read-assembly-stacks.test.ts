import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnOutput, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, test } from 'vitest';
import type { LambdaIntegrationModel } from '../model/index.js';
import { findFunction } from './find-function.js';
import { readModelFiles as readGatewayModel } from './read-gateway-model.js';
import { handlerDirectory, tempDirectory } from './template-test-fixtures.js';

function nodeFunction(scope: Stack, id: string, code: lambda.Code): lambda.Function {
  return new lambda.Function(scope, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code });
}

describe('readGatewayModel across stacks of one assembly', () => {
  test('routes in another stack attach to the API through cross-stack exports', async () => {
    const outdir = tempDirectory();
    const app = new App({ outdir });
    const apiStack = new Stack(app, 'ApiStack');
    const api = new apigwv2.HttpApi(apiStack, 'Api', { createDefaultStage: true });
    const routesStack = new Stack(app, 'RoutesStack');
    const fn = nodeFunction(routesStack, 'Fn', lambda.Code.fromAsset(handlerDirectory()));
    new apigwv2.HttpRoute(routesStack, 'Route', {
      httpApi: api,
      routeKey: apigwv2.HttpRouteKey.with('/hello', apigwv2.HttpMethod.GET),
      integration: new integrations.HttpLambdaIntegration('Int', fn),
    });
    app.synth();

    const model = await readGatewayModel({ assembly: outdir });
    expect(model.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(model.apis).toHaveLength(1);
    const [route] = model.apis[0].routes;
    expect(route).toMatchObject({ routeKey: 'GET /hello', ref: { stackName: 'RoutesStack' } });
    const integration = model.apis[0].integrations.get(route.integrationId!) as LambdaIntegrationModel;
    expect(findFunction(model, integration.functionArn)?.ref.stackName).toBe('RoutesStack');
  });

  test('reads nested stacks, their parameters from the parent and their outputs', async () => {
    const outdir = tempDirectory();
    const app = new App({ outdir });
    const parent = new Stack(app, 'Parent');
    const api = new apigwv2.HttpApi(parent, 'Api');
    const nested = new NestedStack(parent, 'Handlers');
    const fn = nodeFunction(nested, 'Fn', lambda.Code.fromInline('exports.handler = async () => 1;'));
    api.addRoutes({ path: '/nested', integration: new integrations.HttpLambdaIntegration('Int', fn) });
    new CfnOutput(parent, 'FnName', { value: fn.functionName });
    app.synth();

    const model = await readGatewayModel({ assembly: outdir });
    expect(model.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const nestedFn = model.functions.find((f) => f.ref.logicalId.startsWith('Fn'))!;
    expect(nestedFn.ref.stackName).toMatch(/^Parent-HandlersNestedStack/);
    const route = model.apis[0].routes.find((r) => r.routeKey === 'ANY /nested')!;
    const integration = model.apis[0].integrations.get(route.integrationId!) as LambdaIntegrationModel;
    expect(integration.functionArn).toBe(nestedFn.arn);
  });

  test('reads the stacks of CDK Stages (nested cloud assemblies) and a concrete environment', async () => {
    const outdir = tempDirectory();
    const app = new App({ outdir });
    const stage = new Stage(app, 'Prod', { env: { account: '444455556666', region: 'ap-southeast-2' } });
    const stack = new Stack(stage, 'Service');
    new apigwv2.HttpApi(stack, 'Api', { defaultIntegration: new integrations.HttpUrlIntegration('Url', 'https://example.com') });
    const codeDir = handlerDirectory();
    nodeFunction(stack, 'Fn', lambda.Code.fromAsset(codeDir));
    app.synth();

    const model = await readGatewayModel({ assembly: { directory: outdir } });
    expect(model.environment).toEqual({ accountId: '444455556666', region: 'ap-southeast-2', partition: 'aws', urlSuffix: 'amazonaws.com' });
    expect(model.apis.map((a) => a.ref.stackName)).toEqual(['Prod-Service']);
    expect(model.apis[0].routes.map((r) => r.routeKey)).toEqual(['$default']);
    // The asset is staged in the outer assembly; the stage's assembly names it by a relative path.
    const code = model.functions[0].code;
    expect(code.kind === 'directory' && readFileSync(join(code.path, 'index.mjs'), 'utf8')).toContain('export const handler');
  });
});

describe('readGatewayModel of a WebSocket API made by aws-cdk-lib', () => {
  test('reads routes, route responses, the Lambda authorizer and the stage', async () => {
    const outdir = tempDirectory();
    const app = new App({ outdir });
    const stack = new Stack(app, 'Chat');
    const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
    const connect = nodeFunction(stack, 'Connect', code);
    const message = nodeFunction(stack, 'Message', code);
    const auth = nodeFunction(stack, 'Auth', code);
    const api = new apigwv2.WebSocketApi(stack, 'Chat', {
      connectRouteOptions: {
        integration: new integrations.WebSocketLambdaIntegration('ConnectInt', connect),
        authorizer: new authorizers.WebSocketLambdaAuthorizer('Authz', auth, { identitySource: ['route.request.querystring.token'] }),
      },
    });
    api.addRoute('sendmessage', { integration: new integrations.WebSocketLambdaIntegration('MsgInt', message), returnResponse: true });
    new apigwv2.WebSocketStage(stack, 'Stage', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
    app.synth();

    const model = await readGatewayModel({ assembly: outdir });
    expect(model.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const ws = model.apis[0];
    expect(ws).toMatchObject({ protocol: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
    const connectRoute = ws.routes.find((r) => r.routeKey === '$connect')!;
    expect(connectRoute.authorizationType).toBe('CUSTOM');
    expect(ws.authorizers.get(connectRoute.authorizerId!)).toMatchObject({ kind: 'lambda', identitySource: ['route.request.querystring.token'], resultTtlSeconds: 0 });
    const send = ws.routes.find((r) => r.routeKey === 'sendmessage')!;
    expect(send.routeResponseSelectionExpression).toBe('$default');
    expect(send.routeResponseKeys).toEqual(['$default']);
    expect(ws.integrations.get(send.integrationId!)).toMatchObject({ kind: 'lambda', timeoutMs: 29_000 });
    expect(ws.stages.map((s) => s.name)).toEqual(['dev']);
  });
});
