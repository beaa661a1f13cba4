import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { watchSources, type SourceWatcher } from './watch-sources.js';

let root: string;
let outside: string;
let watcher: SourceWatcher | undefined;
let batches: string[][];

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'watch-sources-test-'));
  outside = mkdtempSync(join(tmpdir(), 'watch-sources-code-'));
  for (const directory of ['lib', 'node_modules/dep', '.git', 'cdk.out', 'test']) mkdirSync(join(root, directory), { recursive: true });
  batches = [];
});
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const write = (file: string, text = String(Date.now())): void => writeFileSync(file, text);
const settle = (ms = 400): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Generous for a loaded machine: events of one burst arrive well within it. */
const DEBOUNCE_MS = 300;

/** Resolves once `count` batches arrived (or after 10 s, for the assertion to fail on). */
async function batchesArrived(count = 1): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (batches.length < count && Date.now() < deadline) await settle(25);
}

describe('watchSources', () => {
  test('reports a burst of changes once, after they stayed quiet', async () => {
    watcher = await watchSources({ root }, (paths) => batches.push([...paths].sort()), DEBOUNCE_MS);
    write(join(root, 'lib', 'a.ts'));
    write(join(root, 'lib', 'b.ts'));
    await batchesArrived();
    await settle(DEBOUNCE_MS);
    expect(batches).toEqual([[join(root, 'lib', 'a.ts'), join(root, 'lib', 'b.ts')]]);
  });

  test("leaves out dot-directories, node_modules, cdk.out and cdk.json's exclude globs; include globs pick files", async () => {
    watcher = await watchSources({ root, include: ['lib/**', 'test/**', 'app.ts'], exclude: ['test'] }, (paths) => batches.push([...paths]), DEBOUNCE_MS);
    write(join(root, '.git', 'index'));
    write(join(root, 'node_modules', 'dep', 'index.js'));
    write(join(root, 'cdk.out', 'manifest.json'));
    write(join(root, 'test', 'app.test.ts'));
    write(join(root, 'README.md'));
    await settle(2 * DEBOUNCE_MS);
    expect(batches).toEqual([]);
    write(join(root, 'app.ts'));
    await batchesArrived();
    expect(batches).toEqual([[join(root, 'app.ts')]]);
  });

  test('watches code directories outside the root once given, and stops when they are dropped', async () => {
    watcher = await watchSources({ root, include: ['manifest.json'] }, (paths) => batches.push([...paths]), DEBOUNCE_MS);
    watcher.watchCodeDirectories([outside, join(root, 'lib')]);
    await settle(200);
    write(join(outside, 'index.js'));
    await batchesArrived();
    expect(batches).toEqual([[join(outside, 'index.js')]]);
    watcher.watchCodeDirectories([]);
    await settle(200);
    write(join(outside, 'index.js'), 'again');
    await settle(2 * DEBOUNCE_MS);
    expect(batches).toHaveLength(1);
  });
});
