import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, test } from 'vitest';
import type { ChildMessage } from './environment-messages.js';
import { jsonLinesChannel } from './process-channel.js';

/** A child that writes `text` to fd 4 and exits: the gateway's side then reads it as an environment's output. */
async function messagesFrom(text: string): Promise<ChildMessage[]> {
  const child = spawn(process.execPath, ['-e', `require('node:fs').writeSync(4, ${JSON.stringify(text)})`], {
    stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'pipe'],
  });
  const messages: ChildMessage[] = [];
  jsonLinesChannel(child).onMessage((message) => messages.push(message));
  await once(child.stdio[4] as NodeJS.ReadableStream, 'end');
  return messages;
}

test("reads a result's payload from the line after its message, verbatim", async () => {
  const payload = JSON.stringify({ statusCode: 200, body: 'a "quoted"\nline\u2028and a backslash \\' });
  const messages = await messagesFrom(
    `{"type":"ready"}\n{"type":"result","requestId":"r1"}\n${payload}\n{"type":"error","requestId":"r2","errorType":"E","errorMessage":"m","trace":[]}\n`,
  );
  expect(messages).toEqual([
    { type: 'ready' },
    { type: 'result', requestId: 'r1', payload },
    { type: 'error', requestId: 'r2', errorType: 'E', errorMessage: 'm', trace: [] },
  ]);
});

test('drops a payload cut short by the end of the output, and lines that are no message', async () => {
  const messages = await messagesFrom('not json\n{"type":"unknown"}\n{"type":"result","requestId":"r1"}\n{"statusCode":2');
  expect(messages).toEqual([]);
});
