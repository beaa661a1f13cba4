// The chat as a user runs it: `npm start` in the example (scripts/start-local.ts → `apigw-local --app
// "npx tsx bin/app.ts" --watch`), which synthesizes the app into a temporary directory outside the
// example, so the staged handler reaches no node_modules of its own. Lambda's Node.js runtimes include the
// AWS SDK for JavaScript v3, and so must the local runtime: two real `ws` clients join, one sends a message,
// the other receives it through the handler's PostToConnection calls.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import { rawDataText } from '../../support/raw-data-text.js';
import { CHAT_STAGE_NAME } from '../lib/chat-stack.js';

const EXAMPLE_DIR = join(__dirname, '..');
/** Synthesizing with `npx tsx` and starting the gateway takes a few seconds; more on a loaded machine. */
const START_TIMEOUT_MS = 50_000;

let npmStart: ChildProcess | undefined;
let output = '';
let url = '';
const sockets: WebSocket[] = [];

/** `count` distinct ports nothing listens on now (the kernel's choices for port 0, released again). */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer().listen(0, '127.0.0.1'));
  await Promise.all(servers.map((server) => once(server, 'listening')));
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Resolves once something accepts connections on `port`, failing if `npm start` exits first or takes too long. */
async function waitForListener(port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (npmStart?.exitCode !== null) throw new Error(`npm start exited (${String(npmStart?.exitCode)}):\n${output}`);
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepted) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${port} within ${START_TIMEOUT_MS} ms:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  const [gatewayPort = 0, pagePort = 0] = await freePorts(2);
  // Its own process group, so that stopping it stops the gateway and the app command it started too.
  npmStart = spawn('npm', ['start', '--silent', '--', '--port', String(gatewayPort)], {
    cwd: EXAMPLE_DIR,
    env: { ...process.env, CHAT_PAGE_PORT: String(pagePort) },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  npmStart.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  npmStart.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForListener(gatewayPort);
  url = `ws://127.0.0.1:${gatewayPort}/${CHAT_STAGE_NAME}`;
}, START_TIMEOUT_MS + 10_000);

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  const child = npmStart;
  if (child?.pid === undefined || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
});

/** Opens a chat connection as `name` and collects what it receives. */
async function joinChat(name: string): Promise<{ readonly socket: WebSocket; readonly received: unknown[] }> {
  const socket = new WebSocket(`${url}?name=${name}`);
  sockets.push(socket);
  const received: unknown[] = [];
  socket.on('message', (data: RawData) => received.push(JSON.parse(rawDataText(data))));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_request, response) => reject(new Error(`$connect answered ${response.statusCode}:\n${output}`)));
    socket.once('error', reject);
  });
  return { socket, received };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} within 10 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('two clients of `npm start` exchange a message through the handler and the AWS SDK', async () => {
  const ada = await joinChat('ada');
  const bob = await joinChat('bob');
  await until(() => ada.received.length > 0, 'ada heard of bob');
  expect(ada.received.shift()).toEqual({ type: 'joined', name: 'bob' });

  bob.socket.send(JSON.stringify({ action: 'sendmessage', message: 'hi ada' }));
  await until(() => ada.received.length > 0, 'ada received the message');
  expect(ada.received).toEqual([{ type: 'message', from: 'bob', message: 'hi ada' }]);
  // The SDK's Node.js-version notice is not printed: Lambda's runtime does not print it either.
  expect(output).not.toContain('NodeVersionSupportWarning');
}, 30_000);
