import { describe, expect, test } from 'vitest';
import { type PolicyStatement, evaluatePolicy, wildcardMatches } from './evaluate-policy.js';

const statement = (effect: 'Allow' | 'Deny', resources: string[], actions = ['execute-api:Invoke'], negated: Partial<Pick<PolicyStatement, 'notAction' | 'notResource'>> = {}): PolicyStatement => ({
  effect,
  actions,
  resources,
  notAction: negated.notAction ?? false,
  notResource: negated.notResource ?? false,
});

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets/1';

describe('evaluatePolicy', () => {
  test('denies when nothing applies', () => {
    expect(evaluatePolicy([], ARN)).toBe('deny');
    expect(evaluatePolicy([statement('Allow', ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/POST/*'])], ARN)).toBe('deny');
  });

  test('allows on a matching Allow, with * and ? wildcards', () => {
    expect(evaluatePolicy([statement('Allow', ['*'])], ARN)).toBe('allow');
    expect(evaluatePolicy([statement('Allow', ['arn:aws:execute-api:*:*:abc/*/GET/pets/?'])], ARN)).toBe('allow');
    expect(evaluatePolicy([statement('Allow', [ARN], ['execute-api:*'])], ARN)).toBe('allow');
    expect(evaluatePolicy([statement('Allow', [ARN], ['EXECUTE-API:invoke'])], ARN)).toBe('allow');
  });

  test('an applicable Deny wins', () => {
    expect(evaluatePolicy([statement('Allow', ['*']), statement('Deny', ['arn:aws:execute-api:us-east-1:123456789012:abc/prod/GET/pets/*'])], ARN)).toBe('deny');
    expect(evaluatePolicy([statement('Deny', ['*/POST/*']), statement('Allow', ['*'])], ARN)).toBe('allow');
  });

  test('an Allow for another action does not allow', () => {
    expect(evaluatePolicy([statement('Allow', ['*'], ['execute-api:ManageConnections'])], ARN)).toBe('deny');
  });

  test('NotResource and NotAction invert their match', () => {
    expect(evaluatePolicy([statement('Allow', ['*/POST/*'], undefined, { notResource: true })], ARN)).toBe('allow');
    expect(evaluatePolicy([statement('Allow', ['*'], ['execute-api:Invoke'], { notAction: true })], ARN)).toBe('deny');
  });

  test('wildcards match whole values; regex characters are literal', () => {
    expect(wildcardMatches('a.c', 'abc', false)).toBe(false);
    expect(wildcardMatches('a*', 'ABC', false)).toBe(false);
    expect(wildcardMatches('a*', 'ABC', true)).toBe(true);
    expect(wildcardMatches('pets/(1)', 'pets/(1)', false)).toBe(true);
  });
});
