// The chat page in a real browser: headless Chromium (Debian's `chromium` package, which `.ci/run`
// installs) opens the page `npm start` serves in two tabs, joins twice and sends a message from one tab that
// the other shows, through the local WebSocket API and the chat's real handler.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from 'aws-cdk-lib';
import { startGateway, type Gateway } from 'apigatewayv2-local';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHAT_STAGE_NAME, ChatStack } from '../lib/chat-stack.js';
import { startChatPage } from '../scripts/chat-page.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Synthesized into a temporary directory (the App's default), as `npm start` does: the handler's asset
// reaches no node_modules, and gets the AWS SDK from the local Lambda runtime, as on Lambda.
let gateway: Gateway;
let pageServer: Server;
let browser: Browser | undefined;
let chatUrl = '';

beforeAll(async () => {
  const stack = new ChatStack(new App(), 'Chat');
  gateway = await startGateway({ stack, port: 0, quiet: true, log: () => {} });
  const stageUrl = gateway.apis[0]?.stages.find((stage) => stage.name === CHAT_STAGE_NAME)?.url ?? '';
  pageServer = await startChatPage(0);
  chatUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/?ws=${encodeURIComponent(stageUrl)}`;
  if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => pageServer?.close(resolve));
  await gateway?.close();
});

async function openAndJoin(name: string): Promise<Page> {
  if (!browser) throw new Error('Chromium did not start');
  const page = await browser.newPage();
  await page.goto(chatUrl);
  await page.fill('#name', name);
  await page.click('#join button');
  await page.locator('#status', { hasText: /^connected$/ }).waitFor({ timeout: 10_000 });
  return page;
}

describe.skipIf(!existsSync(CHROMIUM))('the chat page in two Chromium tabs', () => {
  test('a message sent in one tab shows in the other, after the join notice', async () => {
    const ada = await openAndJoin('ada');
    const bob = await openAndJoin('bob');
    await ada.locator('#log li', { hasText: 'bob joined' }).waitFor({ timeout: 5000 });

    await bob.fill('#message', 'hello from the other tab');
    await bob.click('#send-button');
    await ada.locator('#log li', { hasText: 'bob: hello from the other tab' }).waitFor({ timeout: 5000 });
    expect(await ada.locator('#log li').allTextContents()).toEqual(['bob joined', 'bob: hello from the other tab']);
    expect(await bob.locator('#log li').allTextContents()).toEqual(['bob: hello from the other tab']);

    await bob.close();
    await ada.locator('#log li', { hasText: 'bob left' }).waitFor({ timeout: 5000 });
  });
});
