import { PassThrough } from 'node:stream';
import { expect, test } from 'vitest';
import { forEachLine } from './line-splitter.js';

test('joins lines split across chunks, drops CR before LF and flushes an unterminated last line', async () => {
  const stream = new PassThrough();
  const lines: string[] = [];
  forEachLine(stream, (line) => lines.push(line));
  stream.write('first li');
  stream.write('ne\r\nsecond\n\nthi');
  stream.end('rd');
  await new Promise((resolve) => stream.on('end', resolve));
  expect(lines).toEqual(['first line', 'second', '', 'third']);
});
