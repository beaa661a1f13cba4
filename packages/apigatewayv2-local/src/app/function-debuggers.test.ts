import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import { GatewayError } from '../errors.js';
import { handlerFunction } from '../http/http-test-fixtures.js';
import type { FunctionModel, GatewayModel, LambdaIntegrationModel } from '../model/index.js';
import { DEBUG_TIMEOUT_MS } from '../lambda/debugger-arguments.js';
import { pythonHasDebugpy } from '../lambda/python/python-runtime-adapter.js';
import { FunctionDebuggers } from './function-debuggers.js';

const fn = (logicalId: string, runtime: string): FunctionModel => ({
  ...handlerFunction,
  ref: { stackName: 'S', logicalId },
  arn: `arn:aws:lambda:us-east-1:123456789012:function:${logicalId}`,
  functionName: logicalId,
  runtime,
});
const integration: LambdaIntegrationModel = {
  kind: 'lambda',
  ref: { stackName: 'S', logicalId: 'Integration' },
  integrationId: 'i1',
  timeoutMs: 30_000,
  requestParameters: {},
  responseParameters: {},
  functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:A',
  payloadFormatVersion: '2.0',
};
const model = (functions: FunctionModel[]): GatewayModel => ({
  apis: [{ integrations: new Map([['i1', integration]]), authorizers: new Map([['a1', { kind: 'lambda', name: 'auth' }]]) } as unknown as GatewayModel['apis'][number]],
  functions,
  diagnostics: [],
  environment: { accountId: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' },
});

async function freeBase(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('FunctionDebuggers', () => {
  test('gives Node.js functions consecutive ports in model order, kept across reloads, and suspends timeouts', async () => {
    const base = await freeBase();
    const debuggers = new FunctionDebuggers({ port: base, waitForClient: true, host: '127.0.0.1' });
    const first = await debuggers.attach(model([fn('A', 'nodejs20.x'), fn('B', 'nodejs22.x'), fn('C', 'provided.al2023')]));
    expect(first.functions.map((f) => f.debugger)).toEqual([
      { kind: 'inspector', host: '127.0.0.1', port: base, waitForClient: true },
      { kind: 'inspector', host: '127.0.0.1', port: base + 1, waitForClient: true },
      undefined,
    ]);
    expect(first.functions[0].timeoutMs).toBe(DEBUG_TIMEOUT_MS);
    expect(first.functions[2].timeoutMs).toBe(3000);
    expect(first.apis[0].integrations.get('i1')!.timeoutMs).toBe(DEBUG_TIMEOUT_MS);
    expect(first.apis[0].authorizers.get('a1')).toMatchObject({ timeoutMs: DEBUG_TIMEOUT_MS });
    const reloaded = await debuggers.attach(model([fn('B', 'nodejs22.x'), fn('A', 'nodejs20.x')]));
    expect(reloaded.functions.map((f) => (f.debugger?.kind === 'inspector' ? f.debugger.port : undefined))).toEqual([base + 1, base]);
  });

  test('a Python function gets debugpy where it is installed, else says why it runs without a debugger', async () => {
    const debuggers = new FunctionDebuggers({ port: 0, waitForClient: false, host: '127.0.0.1' });
    const [python] = (await debuggers.attach(model([fn('Py', 'python3.12')]))).functions;
    if (pythonHasDebugpy()) expect(python.debugger).toMatchObject({ kind: 'debugpy', waitForClient: false });
    else expect(python.debugger).toEqual({ kind: 'unavailable', reason: expect.stringContaining('debugpy is not installed for python3') as unknown });
  });

  test('a port in use is an error naming the port and the function', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const debuggers = new FunctionDebuggers({ port, waitForClient: false, host: '127.0.0.1' });
      const error = await debuggers.attach(model([fn('A', 'nodejs20.x')])).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).message).toContain(`inspector port ${port} (function S/A) is in use by another process`);
    } finally {
      server.close();
    }
  });
});
