// End to end: API keys and usage plans on a WebSocket API's $connect, from aws-cdk-lib's own WebSocket
// ApiKey and UsagePlan constructs (AWS::ApiGateway::ApiKey / UsagePlan / UsagePlanKey), with real `ws` clients.
import { App, Stack } from 'aws-cdk-lib';
import { ApiKey, Period, UsagePlan, WebSocketApi, WebSocketApiKeySelectionExpression, WebSocketRoute, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketMockIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway, type GatewayStageInfo } from '../src/index.js';
import { handshake, type TestClient } from './support/ws-client.js';

const GOOD_KEY = 'local-good-key-0123456789';
const LIMITED_KEY = 'local-limited-key-0123456789';
const ORPHAN_KEY = 'local-orphan-key-0123456789';

let directory: string;
let gateway: Gateway;
let stage: GatewayStageInfo;
const lines: string[] = [];
const clients: TestClient[] = [];

async function connectWith(key?: string): Promise<{ kind: 'open' } | { kind: 'refused'; status: number; body: string }> {
  const outcome = await handshake(stage.url, key === undefined ? {} : { headers: { 'x-api-key': key } });
  if (outcome.kind === 'open') {
    clients.push(outcome.client);
    return { kind: 'open' };
  }
  return outcome;
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'apigw-local-api-keys-'));
  const app = new App({ outdir: directory });
  const stack = new Stack(app, 'ApiKeysE2e');
  const api = new WebSocketApi(stack, 'Api', { apiKeySelectionExpression: WebSocketApiKeySelectionExpression.HEADER_X_API_KEY });
  new WebSocketRoute(stack, 'ConnectRoute', { webSocketApi: api, routeKey: '$connect', integration: new WebSocketMockIntegration('Connect'), apiKeyRequired: true });
  const dev = new WebSocketStage(stack, 'Dev', { webSocketApi: api, stageName: 'dev', autoDeploy: true });
  const plan = new UsagePlan(stack, 'Plan', { apiStages: [{ api, stage: dev }] });
  plan.addApiKey(new ApiKey(stack, 'GoodKey', { value: GOOD_KEY }));
  plan.addApiKey(new ApiKey(stack, 'GeneratedKey'));
  const limited = new UsagePlan(stack, 'LimitedPlan', { apiStages: [{ api, stage: dev }], quota: { limit: 1, period: Period.DAY } });
  limited.addApiKey(new ApiKey(stack, 'LimitedKey', { value: LIMITED_KEY }));
  new ApiKey(stack, 'OrphanKey', { value: ORPHAN_KEY });
  app.synth();
  gateway = await startGateway({ assembly: directory, port: 0, log: (line) => lines.push(line) });
  stage = gateway.apis[0].stages[0];
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.ws.terminate();
  await gateway?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('API keys on $connect', () => {
  test('a key a usage plan attaches to the stage connects', async () => {
    expect((await connectWith(GOOD_KEY)).kind).toBe('open');
  });

  test('a missing key, a made-up key and a key no usage plan attaches are refused with 403 Forbidden', async () => {
    for (const key of [undefined, 'not-a-key-of-this-stack', ORPHAN_KEY]) {
      expect(await connectWith(key)).toEqual({ kind: 'refused', status: 403, body: '{"message":"Forbidden"}' });
    }
  });

  test('a generated key is printed at start-up and connects', async () => {
    const row = lines.join('\n').split('\n').find((line) => /api key\s+GeneratedKey/.test(line));
    const value = /GeneratedKey\w*\s+(\S+)\s+\(generated\)/.exec(row ?? '')?.[1];
    expect(value).toMatch(/^[A-Za-z0-9]{40}$/);
    expect((await connectWith(value)).kind).toBe('open');
  });

  test('a usage plan quota answers 429 Limit Exceeded once used', async () => {
    expect((await connectWith(LIMITED_KEY)).kind).toBe('open');
    expect(await connectWith(LIMITED_KEY)).toEqual({ kind: 'refused', status: 429, body: '{"message":"Limit Exceeded"}' });
  });

  test('the start-up table marks the route and lists the plans', () => {
    const text = lines.join('\n');
    expect(text).toMatch(/route\s+\$connect\s+→ mock\s+\[open, API key\]/);
    expect(text).toMatch(/usage plan\s+LimitedPlan\w*\s+stages dev\s+quota 1\/DAY/);
  });
});
