// Every example app synthesized by the real AWS CDK CLI (`npx cdk synth`, offline: no credentials, no
// telemetry, no notices), all in parallel, and each resulting cloud assembly served by `startGateway`
// and called with fetch: what `npm start` does, minus the terminal.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startGateway, type Gateway, type StartGatewayOptions } from 'apigatewayv2-local';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import { DEFAULT_ADMIN_SCOPE, DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER } from '../books-api/lib/books-api-stack.js';
import { startBooksBackend } from '../books-api/scripts/books-backend.js';
import { PRIVATE_SERVICES, startPrivateService } from '../private-api/scripts/private-services.js';
import { LocalIssuer } from '../support/local-issuer.js';
import { rawDataText } from '../support/raw-data-text.js';

const examplesDir = join(__dirname, '..');
const servers: Server[] = [];
const outdirs: string[] = [];
const gateways: Gateway[] = [];

/**
 * Runs `npx cdk synth` in the example's directory into a fresh output directory inside it (assets there
 * resolve the example's node_modules, as in its own `cdk.out`) and returns that directory.
 */
async function synthWithCdkCli(example: string, context: Readonly<Record<string, string>> = {}): Promise<string> {
  const exampleDir = join(examplesDir, example);
  const outdir = mkdtempSync(join(exampleDir, 'cdk.out.test-'));
  outdirs.push(outdir);
  const contextArgs = Object.entries(context).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
  await promisify(execFile)('npx', ['cdk', 'synth', '-q', '--no-notices', '-o', outdir, ...contextArgs], {
    cwd: exampleDir,
    env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
  return outdir;
}

async function serve(assembly: string, options: Partial<StartGatewayOptions> = {}): Promise<Gateway> {
  const gateway = await startGateway({ assembly, port: 0, quiet: true, log: () => {}, ...options });
  gateways.push(gateway);
  return gateway;
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let books: Gateway;
let booksIssuer: LocalIssuer;
let privateApi: Gateway;
let python: Gateway;
let chat: Gateway;
let openApi: Gateway;

beforeAll(async () => {
  const booksBackend = await startBooksBackend(0);
  servers.push(booksBackend);
  booksIssuer = await LocalIssuer.create({ issuer: DEFAULT_JWT_ISSUER, audience: DEFAULT_JWT_AUDIENCE });
  const backends: Record<string, string> = {};
  for (const service of PRIVATE_SERVICES) {
    const server = await startPrivateService(service, 0);
    servers.push(server);
    backends[service.integrationLogicalId] = urlOf(server);
  }

  const [booksOut, privateOut, pythonOut, chatOut, openApiOut] = await Promise.all([
    synthWithCdkCli('books-api', { booksBackendUrl: urlOf(booksBackend) }),
    synthWithCdkCli('private-api'),
    synthWithCdkCli('python-api'),
    synthWithCdkCli('chat'),
    synthWithCdkCli('openapi-api'),
  ]);
  [books, privateApi, python, chat, openApi] = await Promise.all([
    serve(booksOut, { jwks: { [booksIssuer.issuer]: booksIssuer.jwks } }),
    serve(privateOut, { backends }),
    serve(pythonOut),
    serve(chatOut),
    serve(openApiOut),
  ]);
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

describe('each example synthesized by `npx cdk synth` is served from its cdk.out', () => {
  test('books-api: GET /books through the HTTP proxy, POST /books to the Lambda function, on both stages; the admin route needs a token', async () => {
    const url = books.apis[0]?.url ?? '';
    expect((await fetch(`${url}/books`)).status).toBe(200);
    expect((await fetch(`${url}/beta/books`)).status).toBe(200);
    const created = await fetch(`${url}/books`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"title":"Dune"}' });
    expect(created.status).toBe(201);
    expect((await fetch(`${url}/admin/books`, { method: 'DELETE' })).status).toBe(401);
    const token = await booksIssuer.mintToken({ subject: 'librarian', scope: DEFAULT_ADMIN_SCOPE });
    const emptied = await fetch(`${url}/admin/books`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(await emptied.json()).toEqual({ deleted: 1, by: 'librarian', scope: DEFAULT_ADMIN_SCOPE });
  });

  test('private-api: each private integration reaches its service through its backend', async () => {
    const url = privateApi.apis[0]?.url ?? '';
    for (const [path, service] of [['/orders/1', 'orders'], ['/stock/1', 'stock'], ['/users/1', 'users']] as const) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ service, url: path });
    }
  });

  test('openapi-api: the routes of the OpenAPI document answer through the handler bound by operationId', async () => {
    const response = await fetch(`${openApi.apis[0]?.url ?? ''}/pets/1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: '1', name: 'Rex' });
    expect((await fetch(`${openApi.apis[0]?.url ?? ''}/pets`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  test('python-api: the Python handler answers', async () => {
    const response = await fetch(`${python.apis[0]?.url ?? ''}/hello/cli`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ message: 'Hello, cli!' });
  });

  test('chat: a client on the dev stage hears its own message back through @connections', async () => {
    expect(chat.apis).toEqual([expect.objectContaining({ stackName: 'Chat', name: 'ChatApi', protocol: 'WEBSOCKET' })]);
    const stageUrl = chat.apis[0]?.stages.find((stage) => stage.name === 'dev')?.url ?? '';
    const socket = new WebSocket(`${stageUrl}?name=cli`);
    await once(socket, 'open');
    const reply = once(socket, 'message') as Promise<[RawData]>;
    socket.send(JSON.stringify({ action: 'sendmessage', message: 'hi' }));
    const [data] = await reply;
    expect(JSON.parse(rawDataText(data))).toEqual({ type: 'message', from: 'cli', message: 'hi' });
    socket.close();
    await once(socket, 'close');
  });
});
