// DELETE /admin/books behind the JWT authorizer, served as `npm start` serves it: the stack synthesized
// in-process, a local issuer's public key given to the gateway as a JWKS file (`jwks`), tokens signed with its
// private key, called with fetch. The catalogue (PATCH /books lists it) shows whether the function ran.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from 'aws-cdk-lib';
import { startGateway, type Gateway } from 'apigatewayv2-local';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type JwksFile, LocalIssuer } from '../../support/local-issuer.js';
import { BooksApiStack, DEFAULT_ADMIN_SCOPE, DEFAULT_ALLOWED_ORIGINS, DEFAULT_JWT_AUDIENCE, DEFAULT_JWT_ISSUER } from '../lib/books-api-stack.js';
import { startBooksBackend } from '../scripts/books-backend.js';

const lines: string[] = [];
let backend: Server;
let gateway: Gateway;
let issuer: LocalIssuer;
let jwksFile: JwksFile;
let url = '';

beforeAll(async () => {
  backend = await startBooksBackend(0);
  issuer = await LocalIssuer.create({ issuer: DEFAULT_JWT_ISSUER, audience: DEFAULT_JWT_AUDIENCE });
  jwksFile = issuer.writeJwksFile();
  const stack = new BooksApiStack(new App(), 'BooksApi', { booksBackendUrl: `http://127.0.0.1:${(backend.address() as AddressInfo).port}` });
  gateway = await startGateway({ stack, port: 0, jwks: { [issuer.issuer]: jwksFile.path }, log: (line) => lines.push(line) });
  url = gateway.apis[0]?.url ?? '';
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => backend?.close(resolve));
  jwksFile?.remove();
});

function deleteAll(token?: string): Promise<Response> {
  return fetch(`${url}/admin/books`, { method: 'DELETE', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
}

async function addBook(title: string): Promise<void> {
  const response = await fetch(`${url}/books`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title }) });
  expect(response.status).toBe(201);
}

/** The titles the function holds (its answer to PATCH /books lists them). */
async function catalogue(): Promise<string[]> {
  const response = await fetch(`${url}/books`, { method: 'PATCH' });
  const { created } = (await response.json()) as { created: { title: string }[] };
  return created.map((book) => book.title);
}

test('the start-up report shows the admin route behind the JWT authorizer', () => {
  const route = lines.find((line) => line.includes('route  DELETE /admin/books'));
  expect(route).toMatch(/→ Lambda BooksDefaultFn\w+ \(payload 2\.0\)\s+\[JWT LibrariansAuthorizer scopes books:admin\]$/);
});

test('without a token the admin route answers 401 and the function does not run', async () => {
  await addBook('Emma');
  const response = await deleteAll();
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({ message: 'Unauthorized' });
  expect(await catalogue()).toContain('Emma');
});

test('a token with a bad signature, an expired one, or one for another audience or issuer answers 401', async () => {
  const librarian = { subject: 'librarian', scope: DEFAULT_ADMIN_SCOPE };
  const reader = await issuer.mintToken({ subject: 'reader' });
  const [header, , signature] = reader.split('.');
  const forgedClaims = Buffer.from(JSON.stringify({ ...decodeClaims(reader), scope: DEFAULT_ADMIN_SCOPE })).toString('base64url');
  const impostor = await LocalIssuer.create({ issuer: DEFAULT_JWT_ISSUER, audience: DEFAULT_JWT_AUDIENCE });
  const otherIssuer = await LocalIssuer.create({ issuer: 'https://auth.other.example.com', audience: DEFAULT_JWT_AUDIENCE });
  const refused = {
    'claims changed after signing': `${header}.${forgedClaims}.${signature}`,
    'signed with another key': await impostor.mintToken(librarian),
    expired: await issuer.mintToken({ ...librarian, expiresAt: new Date(Date.now() - 60_000) }),
    'for another audience': await issuer.mintToken({ ...librarian, audience: 'another-api' }),
    'from another issuer': await otherIssuer.mintToken(librarian),
    'not a JWT': 'not-a-token',
  };
  for (const [why, token] of Object.entries(refused)) {
    const response = await deleteAll(token);
    expect({ why, status: response.status, body: await response.text() }).toEqual({ why, status: 401, body: '{"message":"Unauthorized"}' });
  }
  expect(await catalogue()).toContain('Emma');
});

test('a valid token without the admin scope answers 403 and the function does not run', async () => {
  for (const scope of [undefined, 'books:read', `${DEFAULT_ADMIN_SCOPE}:all`]) {
    const response = await deleteAll(await issuer.mintToken({ subject: 'reader', ...(scope !== undefined && { scope }) }));
    expect({ scope, status: response.status, body: await response.json() }).toEqual({ scope, status: 403, body: { message: 'Forbidden' } });
  }
  expect(await catalogue()).toContain('Emma');
});

test("a librarian's token empties the catalogue, and the function sees the token's claims", async () => {
  await addBook('Persuasion');
  const before = await catalogue();
  const token = await issuer.mintToken({ subject: 'librarian', scope: `books:read ${DEFAULT_ADMIN_SCOPE}` });
  const response = await deleteAll(token);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ deleted: before.length, by: 'librarian', scope: `books:read ${DEFAULT_ADMIN_SCOPE}` });
  expect(await catalogue()).toEqual([]);
  expect(lines.some((line) => line.includes('DELETE /admin/books') && line.includes(' 200 '))).toBe(true);
});

test('a browser preflight for the admin route is answered without a token, allowing the authorization header', async () => {
  const origin = DEFAULT_ALLOWED_ORIGINS[0] ?? '';
  const response = await fetch(`${url}/admin/books`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'DELETE', 'access-control-request-headers': 'authorization' },
  });
  expect(response.status).toBe(204);
  expect(response.headers.get('access-control-allow-origin')).toBe(origin);
  expect(response.headers.get('access-control-allow-headers')?.split(',').map((name) => name.trim())).toContain('authorization');
});

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
