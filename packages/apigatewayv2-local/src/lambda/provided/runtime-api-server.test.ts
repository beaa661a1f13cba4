import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ChildMessage } from '../environment-messages.js';
import { newTraceHeader, startRuntimeApi, type RuntimeApi } from './runtime-api-server.js';

let api: RuntimeApi;
let messages: ChildMessage[];
const url = (path: string): string => `http://${api.address}/2018-06-01/runtime/${path}`;
const invoke = (requestId: string, event: unknown = {}): void =>
  api.channel.send({ type: 'invoke', requestId, event, invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f', timeoutMs: 1000 });
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));
/** Waits until the Runtime API has sent `count` messages (requests take a few ms to arrive). */
async function received(count: number): Promise<void> {
  for (let i = 0; i < 100 && messages.length < count; i++) await settle();
}

beforeEach(async () => {
  api = await startRuntimeApi();
  messages = [];
  api.channel.onMessage((message) => messages.push(message));
});
afterEach(() => {
  api.close();
});

test('holds the first next until an invocation arrives, and reports ready once', async () => {
  const next = fetch(url('invocation/next'));
  await received(1);
  expect(messages).toEqual([{ type: 'ready' }]);
  invoke('r1', { a: 1 });
  const response = await next;
  expect(response.headers.get('lambda-runtime-aws-request-id')).toBe('r1');
  expect(await response.json()).toEqual({ a: 1 });
  await fetch(url('invocation/r1/response'), { method: 'POST', body: '"done"' });
  invoke('r2');
  await (await fetch(url('invocation/next'))).text();
  expect(messages).toEqual([{ type: 'ready' }, { type: 'result', requestId: 'r1', payload: '"done"' }]);
});

test('hands out one invocation at a time and takes back only those not handed out', async () => {
  const first = fetch(url('invocation/next'));
  await received(1);
  invoke('r1');
  invoke('r2');
  invoke('r3');
  expect((await first).headers.get('lambda-runtime-aws-request-id')).toBe('r1');
  // r1 is running; r2 and r3 wait in the Runtime API, and so does the bootstrap's next request.
  const early = fetch(url('invocation/next'));
  await settle();
  api.channel.send({ type: 'withdraw', requestId: 'r1' });
  api.channel.send({ type: 'withdraw', requestId: 'r3' });
  await fetch(url('invocation/r1/response'), { method: 'POST', body: '1' });
  expect((await early).headers.get('lambda-runtime-aws-request-id')).toBe('r2');
  await received(3);
  expect(messages.filter((message) => message.type === 'withdrawn')).toEqual([{ type: 'withdrawn', requestId: 'r3' }]);
});

test('takes the error type from Lambda-Runtime-Function-Error-Type when the body is not a JSON object', async () => {
  const next = fetch(url('invocation/next'));
  invoke('r1');
  await next;
  const answer = await fetch(url('invocation/r1/error'), { method: 'POST', body: 'segfault', headers: { 'Lambda-Runtime-Function-Error-Type': 'Runtime.Crash' } });
  expect(answer.status).toBe(202);
  await received(2);
  expect(messages.at(-1)).toEqual({ type: 'error', requestId: 'r1', errorType: 'Runtime.Crash', errorMessage: 'segfault', trace: [] });
});

test('refuses a second waiting next', async () => {
  void fetch(url('invocation/next')).catch(() => undefined);
  await received(1);
  const second = await fetch(url('invocation/next'));
  expect(second.status).toBe(403);
  expect(await second.json()).toMatchObject({ errorType: 'InvalidStateTransition' });
});

test('makes trace headers in the X-Ray format, rooted at the current second', () => {
  expect(newTraceHeader(Date.UTC(2026, 0, 1))).toMatch(/^Root=1-6955b900-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
});
