import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { FunctionModel, LayerModel } from '../model/index.js';
import { writeFiles, writeTestFunction } from './function-fixtures.js';
import { LayerDirectories, layerVariables, OPT_DIRECTORY_VARIABLE } from './function-layers.js';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function root(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'apigw-local-layers-'));
  roots.push(dir);
  return dir;
}

const layer = (dir: string): LayerModel => ({ kind: 'directory', arn: `arn:aws:lambda:us-east-1:1:layer:${path.basename(dir)}:1`, ref: { stackName: 'S', logicalId: path.basename(dir) }, path: dir });

describe('LayerDirectories', () => {
  test('merges the layers in order into one directory standing for /opt: later layers win, made once per function', async () => {
    const dir = await root();
    await writeFiles(dir, { 'a/bin/tool': 'a', 'a/python/x.py': 'a', 'b/python/x.py': 'b' });
    const fn = await writeTestFunction({
      root: dir,
      logicalId: 'Fn',
      runtime: 'python3.12',
      handler: 'index.handler',
      files: { 'index.py': '' },
      overrides: { layers: [layer(path.join(dir, 'a')), { kind: 'unavailable', arn: 'arn:published', reason: 'published' }, layer(path.join(dir, 'b'))] },
    });
    const layers = new LayerDirectories();
    const host = { scratchDir: () => Promise.resolve(path.join(dir, 'scratch')) };
    const opt = await layers.resolve(fn, host);
    expect(opt).toBeDefined();
    expect(await readFile(path.join(opt!, 'python', 'x.py'), 'utf8')).toBe('b');
    expect(await readFile(path.join(opt!, 'bin', 'tool'), 'utf8')).toBe('a');
    expect(await layers.resolve(fn, host)).toBe(opt);
    expect(await layers.resolve({ ...fn, layers: [] }, host)).toBeUndefined();
  });
});

describe('layerVariables', () => {
  const fn = (runtime: string, environment: Record<string, string> = {}): FunctionModel =>
    ({ runtime, environment }) as unknown as FunctionModel;
  const opt = path.join(path.sep, 'scratch', 'opt', 'fn');
  const at = (...parts: string[]) => path.join(opt, ...parts);

  test('Node.js: nodejs/node{N}/node_modules then nodejs/node_modules on NODE_PATH, after the function’s own and before the runtime’s', () => {
    const variables = layerVariables(fn('nodejs22.x', { NODE_PATH: '/mine' }), opt, '/runtime-sdk/node_modules');
    expect(variables.NODE_PATH).toBe(['/mine', at('nodejs', 'node22', 'node_modules'), at('nodejs', 'node_modules'), '/runtime-sdk/node_modules'].join(path.delimiter));
    expect(variables[OPT_DIRECTORY_VARIABLE]).toBe(opt);
    expect(variables.PYTHONPATH).toBeUndefined();
  });

  test('Python: python/lib/python3.x/site-packages then python on PYTHONPATH', () => {
    expect(layerVariables(fn('python3.12'), opt).PYTHONPATH).toBe([at('python', 'lib', 'python3.12', 'site-packages'), at('python')].join(path.delimiter));
  });

  test('bin last on PATH and lib last on LD_LIBRARY_PATH, as in Lambda’s defaults', () => {
    const variables = layerVariables(fn('provided.al2023', { PATH: '/usr/bin', LD_LIBRARY_PATH: '/usr/lib' }), opt);
    expect(variables.PATH).toBe(['/usr/bin', at('bin')].join(path.delimiter));
    expect(variables.LD_LIBRARY_PATH).toBe(['/usr/lib', at('lib')].join(path.delimiter));
  });
});
