import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Duration, Lazy, Stack } from 'aws-cdk-lib';
import { describe, expect, test } from 'vitest';
import { describeValue, InvalidPropError, invalidMessage, throwInvalid } from './invalid';

describe('throwInvalid', () => {
  const stack = new Stack(new App(), 'Stack');

  test('names the class, the prop, the rule, the value and the construct path', () => {
    expect(invalidMessage(stack, { subject: 'HttpApi', prop: 'apiName', rule: 'must be 1 to 128 characters', value: '' }))
      .toBe("HttpApi apiName must be 1 to 128 characters, got '' (at 'Stack')");
  });

  test("puts the earlier library's message first, verbatim", () => {
    const invalid = { subject: 'HttpRouteKey', prop: 'path', rule: "must start with '/'", value: 'books' };
    expect(invalidMessage(undefined, { ...invalid, legacyMessage: 'A route path must always start with a "/" and not end with a "/"' }))
      .toBe('A route path must always start with a "/" and not end with a "/": HttpRouteKey path must start with \'/\', got \'books\'');
    expect(invalidMessage(undefined, { ...invalid, legacyMessage: 'url is not available for imported stages.' }))
      .toBe("url is not available for imported stages. HttpRouteKey path must start with '/', got 'books'");
  });

  test('throws a ValidationError that carries the construct path, the prop and the value', () => {
    let thrown: unknown;
    try {
      throwInvalid(stack, { subject: 'HttpStage', prop: 'throttle.rateLimit', rule: 'must be at least 0', value: -1 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidPropError);
    const error = thrown as InvalidPropError;
    expect(error.name).toBe('ValidationError');
    expect([error.constructPath, error.subject, error.prop, error.value]).toEqual(['Stack', 'HttpStage', 'throttle.rateLimit', -1]);
  });

  test('renders values by kind: strings quoted, lists bracketed, durations readable, tokens named', () => {
    expect(describeValue(['a', 'b'])).toBe("['a', 'b']");
    expect(describeValue(Duration.minutes(2))).toBe('2 minutes');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(Lazy.string({ produce: () => 'x' }))).toMatch(/^a token \(\$\{Token\[/);
  });
});

test('every throw in the library goes through throwInvalid (no bare `throw new Error(` in src/)', () => {
  const root = join(__dirname, '..');
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
        && /throw new Error\(|new Error\(/.test(readFileSync(path, 'utf8'))) offenders.push(path.slice(root.length + 1));
    }
  };
  walk(root);
  expect(offenders).toEqual([]);
});
