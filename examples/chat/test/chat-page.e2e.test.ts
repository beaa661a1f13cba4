// The page `npm start` serves so a person can chat from two browser tabs, fetched over a real socket.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CHAT_STAGE_NAME } from '../lib/chat-stack.js';
import { startChatPage } from '../scripts/chat-page.js';

let server: Server;
let url = '';

beforeAll(async () => {
  server = await startChatPage(0);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

test('serves the chat page at / and /index.html, uncached, connecting by default to the local dev stage', async () => {
  for (const path of ['/', '/index.html?ws=ws://127.0.0.1:4000/dev']) {
    const response = await fetch(`${url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const html = await response.text();
    expect(html).toContain(`'ws://127.0.0.1:3000/${CHAT_STAGE_NAME}'`);
    expect(html).toContain(`JSON.stringify({ action: 'sendmessage', message })`);
  }
});

test('answers 404 for any other path', async () => {
  const response = await fetch(`${url}/lambda/chat.js`);
  expect(response.status).toBe(404);
});
