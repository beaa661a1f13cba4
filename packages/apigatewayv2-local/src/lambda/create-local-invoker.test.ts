import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { FunctionModel } from '../model/index.js';
import { createLocalInvoker, type LocalInvoker } from './create-local-invoker.js';
import { writeFiles, writeTestFunction } from './function-fixtures.js';

const handlerAnswering = (version: string, delayMs = 0): string =>
  `exports.handler = async () => { await new Promise((r) => setTimeout(r, ${delayMs})); return '${version} ' + process.pid; };\n`;

let root: string;
let invoker: LocalInvoker;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'local-invoker-test-'));
  invoker = createLocalInvoker({ onLog: () => undefined });
});
afterEach(async () => {
  await invoker.close();
  await rm(root, { recursive: true, force: true });
});

async function answer(fn: FunctionModel): Promise<string> {
  const result = await invoker.invoke(fn, { event: {}, requestId: 'r' });
  if (result.kind !== 'success') throw new Error(`invocation failed: ${JSON.stringify(result)}`);
  return JSON.parse(result.payload) as string;
}

describe('LocalInvoker.retire', () => {
  test('the next invocation runs the function as changed on disk in a fresh environment; the others stay warm', async () => {
    const changing = await writeTestFunction({ root, logicalId: 'Changing', runtime: 'nodejs22.x', handler: 'index.handler', files: { 'index.js': handlerAnswering('v1') } });
    const steady = await writeTestFunction({ root, logicalId: 'Steady', runtime: 'nodejs22.x', handler: 'index.handler', files: { 'index.js': handlerAnswering('same') } });
    const [v1, steadyBefore] = [await answer(changing), await answer(steady)];
    await writeFiles(changing.code.kind === 'directory' ? changing.code.path : '', { 'index.js': handlerAnswering('v2') });
    // A warm environment keeps the module it loaded.
    expect((await answer(changing)).split(' ')[0]).toBe('v1');

    await invoker.retire([changing.arn]);
    const v2 = await answer(changing);
    expect(v2.split(' ')[0]).toBe('v2');
    expect(v2.split(' ')[1]).not.toBe(v1.split(' ')[1]);
    expect(await answer(steady)).toBe(steadyBefore);
  });

  test('an invocation already running finishes in the retired environment', async () => {
    const slow = await writeTestFunction({ root, logicalId: 'Slow', runtime: 'nodejs22.x', handler: 'index.handler', files: { 'index.js': handlerAnswering('old', 300) } });
    await answer(slow);
    const running = answer(slow);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writeFiles(slow.code.kind === 'directory' ? slow.code.path : '', { 'index.js': handlerAnswering('new') });
    const retired = invoker.retire([slow.arn]);
    expect((await answer(slow)).split(' ')[0]).toBe('new');
    expect((await running).split(' ')[0]).toBe('old');
    await retired;
  });
});
