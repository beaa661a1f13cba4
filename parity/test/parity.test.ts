import { describe, expect, test } from 'vitest';
import { compareTemplates, Difference } from '../src/compare';
import { corpus } from '../src/corpus';
import { isKnown, KNOWN_DIFFERENCES } from '../src/known-differences';
import { ours, v1 } from '../src/kit';
import { synthesize } from '../src/synthesize';

/** Each app is synthesized once per side; the assertions share the result. */
const differences = new Map<string, Difference[]>();
function differencesOf(name: string): Difference[] {
  let found = differences.get(name);
  if (!found) {
    const app = corpus.find((candidate) => candidate.name === name);
    if (!app) throw new Error(`no corpus app named ${name}`);
    found = compareTemplates(synthesize(v1, app), synthesize(ours, app));
    differences.set(name, found);
  }
  return found;
}

describe.each(corpus.map((app) => app.name))('%s', (name) => {
  test('creates every logical id 1.123 creates, with the same properties', () => {
    expect(differencesOf(name).filter((difference) => difference.kind !== 'added')).toEqual([]);
  });

  test('adds no resource beyond the ones the README lists', () => {
    expect(differencesOf(name).filter((difference) => !isKnown(name, difference) && difference.kind === 'added')).toEqual([]);
  });
});

test('every listed difference still occurs', () => {
  for (const known of KNOWN_DIFFERENCES) {
    expect(differencesOf(known.app), known.app).toContainEqual(expect.objectContaining({ kind: 'added', logicalId: known.logicalId }));
  }
});
