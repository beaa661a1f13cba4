import { Token, Tokenization } from 'aws-cdk-lib';

/**
 * Serializes plain data (as produced by `Stack.resolve`) to JSON with object keys sorted, so two
 * equal configurations always give the same string whatever order their keys were written in.
 * `undefined` members are dropped, as `JSON.stringify` does, so an absent optional field and an
 * unset one compare equal.
 */
export function stableStringify(value: unknown): string {
  return stringify(value);
}

/**
 * True when `value` holds a token anywhere (a string, number or list token). Lets callers skip the cost of
 * `Stack.resolve` for configurations made of literals only, which is the common case.
 */
export function containsTokens(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'number') {
    return Token.isUnresolved(value);
  }
  if (value === null || typeof value !== 'object') {
    return false;
  }
  if (Array.isArray(value)) {
    return value.some(containsTokens);
  }
  if (Tokenization.isResolvable(value)) {
    return true;
  }
  return Object.values(value).some(containsTokens);
}

function stringify(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : stringify(item))).join(',')}]`;
  }
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${stringify(record[key])}`);
  return `{${members.join(',')}}`;
}
