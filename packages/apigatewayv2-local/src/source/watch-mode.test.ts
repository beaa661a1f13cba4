import { describe, expect, test, vi } from 'vitest';
import { handlerFunction } from '../http/http-test-fixtures.js';
import type { FunctionModel } from '../model/index.js';
import { changedFunctions, reloadOnChange } from './watch-mode.js';

const fn = (logicalId: string, extra: Partial<FunctionModel> = {}): FunctionModel => ({
  ...handlerFunction,
  ref: { stackName: 'S', logicalId },
  arn: `arn:aws:lambda:us-east-1:123456789012:function:${logicalId}`,
  code: { kind: 'directory', path: `/assets/${logicalId}` },
  ...extra,
});

describe('changedFunctions', () => {
  test('restarts functions whose definition or code directory changed, stops removed ones, leaves the rest warm', () => {
    const before = [fn('Same'), fn('Variables'), fn('Moved'), fn('Touched'), fn('Inline', { code: { kind: 'inline', source: 'a' } }), fn('Gone')];
    const after = [
      fn('Same'),
      fn('Variables', { environment: { TABLE: 'books' } }),
      fn('Moved', { code: { kind: 'directory', path: '/assets/Moved-2' } }),
      fn('Touched'),
      fn('Inline', { code: { kind: 'inline', source: 'b' } }),
      fn('New'),
    ];
    const stale = changedFunctions(before, after, new Set(['/assets/Touched']));
    expect(stale.changedNames).toEqual(['Variables', 'Moved', 'Touched', 'Inline']);
    expect(stale.arns).toEqual([...['Variables', 'Moved', 'Touched', 'Inline', 'Gone'].map((id) => fn(id).arn)]);
  });

  test('restarts the functions whose layer directory changed', () => {
    const layered = (logicalId: string) =>
      fn(logicalId, { layers: [{ kind: 'directory', arn: 'arn:aws:lambda:us-east-1:1:layer:shared:1', ref: { stackName: 'S', logicalId: 'Shared' }, path: '/assets/SharedLayer' }] });
    const functions = [layered('A'), fn('B'), layered('C')];
    expect(changedFunctions(functions, functions, new Set(['/assets/SharedLayer'])).changedNames).toEqual(['A', 'C']);
  });
});

describe('reloadOnChange', () => {
  test('warns, without failing the reload, about a problem of the new model (a --backend key that no longer matches)', async () => {
    const lines: string[] = [];
    const next = { apis: [], functions: [], diagnostics: [], environment: { accountId: '1', region: 'r', partition: 'aws', urlSuffix: 'x' } };
    let reloaded = false;
    const onChange = reloadOnChange({
      source: { verb: 'reading', read: () => Promise.resolve(next) },
      log: (line) => lines.push(line),
      verbose: false,
      beforeReload: () => undefined,
      warningsFor: () => ["backend 'Old' matches no HTTP integration"],
      gateway: { reload: () => Promise.resolve(void (reloaded = true)) },
    });
    onChange(['/project/template.json']);
    await vi.waitFor(() => expect(reloaded).toBe(true));
    expect(lines).toEqual(["apigw-local: warning: backend 'Old' matches no HTTP integration"]);
  });
});
