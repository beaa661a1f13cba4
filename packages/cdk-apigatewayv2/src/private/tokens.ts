import { Token } from 'aws-cdk-lib';

/**
 * True when `value` is known at synth time. Validation only looks at such values: a token (a reference
 * to another resource, a parameter) is skipped rather than guessed.
 */
export function isConcrete(value: string | undefined): value is string {
  return value !== undefined && !Token.isUnresolved(value);
}

/** True when a number is known at synth time (not a token). */
export function isConcreteNumber(value: number | undefined): value is number {
  return value !== undefined && !Token.isUnresolved(value);
}
