import type { ErrorFields } from '../../environment-messages.js';

/**
 * Turns whatever a handler threw or rejected with into Lambda's error fields: for errors, the name,
 * message and stack lines; for any other value, its `typeof` and its string form with no trace.
 */
export function formatError(error: unknown): ErrorFields {
  if (error instanceof Error || isErrorLike(error)) {
    const { name, message, stack } = error as Error;
    return {
      errorType: typeof name === 'string' && name !== '' ? name : 'Error',
      errorMessage: typeof message === 'string' ? message : String(message),
      trace: typeof stack === 'string' ? stack.split('\n') : [],
    };
  }
  return { errorType: typeof error, errorMessage: stringify(error), trace: [] };
}

function isErrorLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'message' in value && 'name' in value && 'stack' in value;
}

function stringify(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
