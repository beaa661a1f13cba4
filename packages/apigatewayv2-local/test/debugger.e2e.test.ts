// End to end: the debugger. A test client speaks the Chrome DevTools protocol to the inspector port the
// start-up prints, sets a breakpoint in a handler and sees it hit when a request comes in; a taken
// inspector port is named.
import { spawnSync } from 'node:child_process';
import { connect, createServer, type Server } from 'node:net';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import WebSocket from 'ws';
import { GatewayError, startGateway } from '../src/index.js';
import { handlerDirectory, synthStack, type SynthesizedApp } from './support/synth-stack.js';

const HANDLER = `exports.handler = async (event) => {
  const answer = 6 * 7;
  return { statusCode: 200, body: String(answer) };
};
`;

let code: SynthesizedApp;
let app: SynthesizedApp;

beforeAll(() => {
  code = handlerDirectory({ 'debug-me.js': HANDLER, 'debug_me.py': 'def handler(event, context):\n    return {"statusCode": 200, "body": "from python"}\n' });
  app = synthStack('DebugE2e', (stack) => {
    const fn = new lambda.Function(stack, 'DebugFn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'debug-me.handler', code: lambda.Code.fromAsset(code.directory), timeout: Duration.seconds(1) });
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/answer', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Answer', fn) });
    const py = new lambda.Function(stack, 'PyDebugFn', { runtime: lambda.Runtime.PYTHON_3_12, handler: 'debug_me.handler', code: lambda.Code.fromAsset(code.directory) });
    api.addRoutes({ path: '/python', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Python', py) });
  });
});

afterAll(() => {
  app?.dispose();
  code?.dispose();
});

/** A minimal Chrome DevTools protocol client: numbered commands, and every event kept. */
class DevToolsClient {
  private id = 0;
  private readonly pending = new Map<number, (result: unknown) => void>();
  readonly events: { method: string; params: Record<string, unknown> }[] = [];
  private readonly listeners: ((event: { method: string; params: Record<string, unknown> }) => void)[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; method?: string; params?: Record<string, unknown> };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result);
      else if (message.method !== undefined) {
        const event = { method: message.method, params: message.params ?? {} };
        this.events.push(event);
        for (const listener of this.listeners) listener(event);
      }
    });
  }

  static async connect(url: string): Promise<DevToolsClient> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new DevToolsClient(ws);
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = ++this.id;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  on(listener: (event: { method: string; params: Record<string, unknown> }) => void): void {
    this.listeners.push(listener);
  }

  close(): void {
    this.ws.close();
  }
}

/** The inspector's WebSocket URL, once the function's process listens (it starts with the first request). */
async function inspectorUrl(port: number): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
      if (targets[0] !== undefined) return targets[0].webSocketDebuggerUrl;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no inspector on port ${port}`);
}

describe('debugger', () => {
  test('a breakpoint set over the printed inspector port is hit when a request comes in (--inspect-brk), and pausing does not time out', async () => {
    const lines: string[] = [];
    const gateway = await startGateway({ assembly: app.directory, port: 0, inspect: { port: 0, waitForDebugger: true }, log: (line) => lines.push(line) });
    let client: DevToolsClient | undefined;
    try {
      const printed = /inspector\s+DebugE2e\/DebugFn\w*\s+127\.0\.0\.1:(\d+)\s+Node\.js inspector.*waits for a debugger/.exec(lines.join('\n'));
      expect(printed).not.toBeNull();
      const response = fetch(`${gateway.apis[0].url}/answer`);
      client = await DevToolsClient.connect(await inspectorUrl(Number(printed![1])));
      const hit = new Promise<{ url: string; lineNumber: number; functionName: string }>((resolve) => {
        // Paused frames name their script by id; Debugger.scriptParsed gives each id its URL.
        const scripts = new Map<string, string>();
        client!.on((event) => {
          if (event.method === 'Debugger.scriptParsed') scripts.set(event.params.scriptId as string, event.params.url as string);
          if (event.method !== 'Debugger.paused') return;
          const [frame] = event.params.callFrames as { functionName: string; location: { scriptId: string; lineNumber: number } }[];
          const url = scripts.get(frame?.location.scriptId ?? '') ?? '';
          // The pause at the first line of the runtime (--inspect-brk) is not the handler's: carry on.
          if (frame !== undefined && url.endsWith('/debug-me.js')) {
            resolve({ url, lineNumber: frame.location.lineNumber, functionName: frame.functionName });
            // Paused longer than the function's 1 s timeout: no timeout while a debugger is attached.
            setTimeout(() => void client!.send('Debugger.resume'), 1500);
            return;
          }
          void client!.send('Debugger.resume');
        });
      });
      await client.send('Runtime.enable');
      await client.send('Debugger.enable');
      await client.send('Debugger.setBreakpointByUrl', { urlRegex: '.*/debug-me\\.js$', lineNumber: 1 });
      await client.send('Runtime.runIfWaitingForDebugger');
      const paused = await hit;
      expect(paused).toMatchObject({ lineNumber: 1, functionName: 'exports.handler' });
      const answer = await response;
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe('42');
    } finally {
      client?.close();
      await gateway.close();
    }
  });

  const hasDebugpy = spawnSync('python3', ['-c', 'import debugpy']).status === 0;

  test('a Python function runs under debugpy where it is installed, else the start-up says why not', async () => {
    const lines: string[] = [];
    const gateway = await startGateway({ assembly: app.directory, port: 0, inspect: 0, log: (line) => lines.push(line) });
    try {
      const text = lines.join('\n');
      const response = await fetch(`${gateway.apis[0].url}/python`);
      expect(await response.text()).toBe('from python');
      if (!hasDebugpy) {
        expect(text).toMatch(/no debugger\s+DebugE2e\/PyDebugFn\w*\s+debugpy is not installed for python3/);
        return;
      }
      const port = Number(/debugpy\s+DebugE2e\/PyDebugFn\w*\s+127\.0\.0\.1:(\d+)\s+debugpy/.exec(text)?.[1]);
      // The environment runs (it answered): debugpy listens on the printed port for a client to attach.
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.destroy();
          resolve();
        });
        socket.once('error', reject);
      });
    } finally {
      await gateway.close();
    }
  });

  test('an inspector port in use is named', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const error = await startGateway({ assembly: app.directory, port: 0, quiet: true, inspect: port }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).code).toBe('PORT_IN_USE');
      expect((error as GatewayError).message).toMatch(new RegExp(`inspector port ${port} \\(function DebugE2e/DebugFn\\w*\\) is in use by another process`));
    } finally {
      taken.close();
    }
  });
});
