import { describe, expect, test } from 'vitest';
import { handlerFunction } from '../http/http-test-fixtures.js';
import type { FunctionModel } from '../model/index.js';
import { changedFunctions } from './watch-mode.js';

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
});
