// End to end: Lambda invoke permissions checked as AWS checks them. A route whose function's
// AWS::Lambda::Permission does not cover it answers 500 and the start-up names it; --ignore-permissions serves it.
import { CfnRoute, HttpApi, HttpIntegration, HttpIntegrationType, HttpMethod, PayloadFormatVersion } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway } from '../src/index.js';
import { synthStack, type SynthesizedApp } from './support/synth-stack.js';

const HANDLER = "exports.handler = async () => ({ statusCode: 200, body: 'invoked' });";

let app: SynthesizedApp;

beforeAll(() => {
  app = synthStack('PermissionsE2e', (stack) => {
    const fn = (id: string) => new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline(HANDLER) });
    const api = new HttpApi(stack, 'Api', { apiName: 'permissions' });
    // aws-cdk-lib's integration adds the permission it needs.
    api.addRoutes({ path: '/ok', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Ok', fn('OkFn')) });
    // A raw integration adds none: AWS answers 500.
    const bare = fn('BareFn');
    const rawIntegration = (id: string, target: lambda.IFunction) =>
      new HttpIntegration(stack, id, { httpApi: api, integrationType: HttpIntegrationType.AWS_PROXY, integrationUri: target.functionArn, payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 });
    const route = (id: string, routeKey: string, integration: HttpIntegration) =>
      new CfnRoute(stack, id, { apiId: api.apiId, routeKey, target: `integrations/${integration.integrationId}` });
    route('DeniedRoute', 'GET /denied', rawIntegration('BareIntegration', bare));
    // A permission for another path only.
    const narrow = fn('NarrowFn');
    narrow.addPermission('OtherPathOnly', { principal: new ServicePrincipal('apigateway.amazonaws.com'), sourceArn: api.arnForExecuteApi('GET', '/other') });
    route('NarrowRoute', 'GET /narrow', rawIntegration('NarrowIntegration', narrow));
  });
});

afterAll(() => app?.dispose());

describe('invoke permissions', () => {
  test('a route whose function has no covering permission answers 500, and the start-up names the route and what is missing', async () => {
    const lines: string[] = [];
    const gateway = await startGateway({ assembly: app.directory, port: 0, log: (line) => lines.push(line) });
    try {
      const url = gateway.apis[0].url;
      expect(await (await fetch(`${url}/ok`)).text()).toBe('invoked');
      const denied = await fetch(`${url}/denied`);
      expect(denied.status).toBe(500);
      expect(await denied.json()).toEqual({ message: 'Internal Server Error' });
      expect((await fetch(`${url}/narrow`)).status).toBe(500);
      const text = lines.join('\n');
      expect(text).toMatch(/warning\s+PermissionsE2e\/DeniedRoute\w*\s+route GET \/denied on stage \$default: API Gateway may not invoke function .*BareFn.*has no AWS::Lambda::Permission for apigateway\.amazonaws\.com.*answers 500/);
      expect(text).toMatch(/warning\s+PermissionsE2e\/NarrowRoute\w*\s+route GET \/narrow .*do not cover it: NarrowFnOtherPathOnly\w* \(SourceArn arn:aws:execute-api:.*\/\*\/GET\/other\)/);
      expect(text).not.toMatch(/route GET \/ok on stage/);
      // The request line says why.
      expect(text).toMatch(/GET \/denied 500 .*API Gateway may not invoke function/);
    } finally {
      await gateway.close();
    }
  });

  test('ignorePermissions (--ignore-permissions) serves those routes', async () => {
    const lines: string[] = [];
    const gateway = await startGateway({ assembly: app.directory, port: 0, ignorePermissions: true, log: (line) => lines.push(line) });
    try {
      const url = gateway.apis[0].url;
      expect(await (await fetch(`${url}/denied`)).text()).toBe('invoked');
      expect(await (await fetch(`${url}/narrow`)).text()).toBe('invoked');
      expect(lines.join('\n')).not.toMatch(/may not invoke/);
    } finally {
      await gateway.close();
    }
  });
});
