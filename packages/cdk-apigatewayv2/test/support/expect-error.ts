import { expect } from 'vitest';

/** Asserts that `build` throws an Error whose message is exactly `message` (not merely contains it). */
export function expectError(build: () => unknown, message: string): void {
  let thrown: unknown;
  try {
    build();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected an error with message: ${message}`).toBeInstanceOf(Error);
  expect((thrown as Error).message).toBe(message);
}
