import { describe, expect, it } from 'vitest';
import { stage } from './http-test-fixtures.js';
import { selectStage } from './select-stage.js';

function select(names: readonly string[], path: string) {
  const selection = selectStage(names.map((n) => stage(n)), path);
  return selection && { stage: selection.stage.name, routingPath: selection.routingPath };
}

describe('selectStage', () => {
  it('serves the $default stage at the root', () => {
    expect(select(['$default'], '/pets/1')).toEqual({ stage: '$default', routingPath: '/pets/1' });
  });

  it('strips a named stage from the routing path', () => {
    expect(select(['dev'], '/dev/pets/1')).toEqual({ stage: 'dev', routingPath: '/pets/1' });
  });

  it('routes the bare stage path and its trailing slash as the root', () => {
    expect(select(['dev'], '/dev')).toEqual({ stage: 'dev', routingPath: '/' });
    expect(select(['dev'], '/dev/')).toEqual({ stage: 'dev', routingPath: '/' });
  });

  it('prefers a named stage over $default when the first segment names it', () => {
    expect(select(['$default', 'pets'], '/pets/dog')).toEqual({ stage: 'pets', routingPath: '/dog' });
    expect(select(['$default', 'pets'], '/cats/dog')).toEqual({ stage: '$default', routingPath: '/cats/dog' });
  });

  it('finds no stage when the first segment names none and there is no $default', () => {
    expect(select(['dev'], '/prod/pets')).toBeUndefined();
    expect(select(['dev'], '/')).toBeUndefined();
  });

  it('does not treat a /$default prefix as a named stage', () => {
    expect(select(['$default'], '/$default/x')).toEqual({ stage: '$default', routingPath: '/$default/x' });
  });

  it('matches stage names case-sensitively', () => {
    expect(select(['dev'], '/DEV/x')).toBeUndefined();
  });
});
