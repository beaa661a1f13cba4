// End to end: a custom runtime (provided.al2023) synthesized with aws-cdk-lib's lambda.Function and
// Code.fromAsset, served on real sockets: its bootstrap is a shell script talking to the local Runtime API.
import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway, type Gateway } from '../src/index.js';
import { handlerDirectory, synthStack, type SynthesizedApp } from './support/synth-stack.js';

/** Answers payload 2.0 results (`count=N pid=P`: a counter kept in the shell); `?crash=yes` exits instead. */
const BOOTSTRAP = `#!/bin/sh
set -eu
API="http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
HEADERS="$(mktemp)"
count=0
while true; do
  EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
  REQUEST_ID="$(grep -i '^lambda-runtime-aws-request-id:' "$HEADERS" | cut -d' ' -f2 | tr -d '\\r')"
  case "$EVENT" in *'"crash":"yes"'*) echo "crashing" >&2; exit 1 ;; esac
  count=$((count + 1))
  curl -sS -X POST "$API/invocation/$REQUEST_ID/response" -d "{\\"statusCode\\":200,\\"body\\":\\"count=$count pid=$$\\"}" >/dev/null
done
`;

const hasCurl = spawnSync('curl', ['--version']).status === 0;

describe.runIf(hasCurl)('a provided.al2023 function behind an HTTP API', () => {
  let code: SynthesizedApp;
  let unusable: SynthesizedApp;
  let app: SynthesizedApp;
  let gateway: Gateway;
  let url = '';
  const lines: string[] = [];

  beforeAll(async () => {
    code = handlerDirectory({ bootstrap: BOOTSTRAP });
    chmodSync(join(code.directory, 'bootstrap'), 0o755);
    // A bootstrap without the executable bit: Lambda could not start it either. (Other content: assets are
    // staged by content hash, and the mode is not part of it.)
    unusable = handlerDirectory({ bootstrap: `${BOOTSTRAP}# not executable\n` });
    app = synthStack('CustomRuntimeE2e', (stack) => {
      const fn = (id: string, directory: string, runtime: lambda.Runtime) =>
        new lambda.Function(stack, id, { runtime, handler: 'function.handler', code: lambda.Code.fromAsset(directory), architecture: lambda.Architecture.X86_64 });
      const api = new HttpApi(stack, 'CustomApi');
      api.addRoutes({ path: '/count', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('CountIntegration', fn('ShellFn', code.directory, lambda.Runtime.PROVIDED_AL2023)) });
      api.addRoutes({ path: '/broken', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('BrokenIntegration', fn('BrokenFn', unusable.directory, lambda.Runtime.PROVIDED_AL2023)) });
    });
    gateway = await startGateway({ assembly: app.directory, port: 0, log: (line) => lines.push(line) });
    url = gateway.apis[0]?.url ?? '';
  });

  afterAll(async () => {
    await gateway?.close();
    app?.dispose();
    code?.dispose();
    unusable?.dispose();
  });

  const count = async (): Promise<{ count: number; pid: number }> => {
    const response = await fetch(`${url}/count`);
    expect(response.status).toBe(200);
    const [, counted, pid] = /^count=(\d+) pid=(\d+)$/.exec(await response.text()) ?? [];
    return { count: Number(counted), pid: Number(pid) };
  };

  test('serves the route from one warm bootstrap process', async () => {
    const first = await count();
    const second = await count();
    expect(second).toEqual({ count: first.count + 1, pid: first.pid });
  });

  test('answers a crash with 500 and serves the next request from a fresh bootstrap', async () => {
    const before = await count();
    const crashed = await fetch(`${url}/count?crash=yes`);
    expect(crashed.status).toBe(500);
    expect(await crashed.json()).toEqual({ message: 'Internal Server Error' });
    const after = await count();
    expect(after.count).toBe(1);
    expect(after.pid).not.toBe(before.pid);
  });

  test('reports a function whose bootstrap cannot run at start-up, and its route answers 500', async () => {
    expect(lines.join('\n')).toMatch(/warning\s+CustomRuntimeE2e\/BrokenFn\w*\s+function .*is not executable.*; its routes answer 500/);
    const response = await fetch(`${url}/broken`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
  });
});
