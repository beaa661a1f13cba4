import type { FunctionModel } from '../model/index.js';

/**
 * How long an environment under a debugger may take to start or to answer: a day, standing for "no
 * timeout" while someone steps through the handler (timers take at most 2^31-1 ms).
 */
export const DEBUG_TIMEOUT_MS = 86_400_000;

/** The Node.js flags of a function run under the inspector: the port, whether to wait, source maps in stack traces. */
export function nodeDebuggerArguments(fn: FunctionModel): string[] {
  const debug = fn.debugger;
  if (debug?.kind !== 'inspector') return [];
  // https://nodejs.org/en/learn/getting-started/debugging#enable-inspector
  return [`--inspect${debug.waitForClient ? '-brk' : ''}=${debug.host}:${debug.port}`, '--enable-source-maps'];
}

/** The interpreter arguments that run `script` under debugpy (https://github.com/microsoft/debugpy#debugpy-cli-usage). */
export function pythonDebuggerArguments(fn: FunctionModel): string[] {
  const debug = fn.debugger;
  if (debug?.kind !== 'debugpy') return [];
  return ['-m', 'debugpy', '--listen', `${debug.host}:${debug.port}`, ...(debug.waitForClient ? ['--wait-for-client'] : [])];
}

/** The init limit for an environment: none to speak of under a debugger. */
export function initTimeoutFor(fn: FunctionModel): { initTimeoutMs?: number } {
  return fn.debugger !== undefined && fn.debugger.kind !== 'unavailable' ? { initTimeoutMs: DEBUG_TIMEOUT_MS } : {};
}
