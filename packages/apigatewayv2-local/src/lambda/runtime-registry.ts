import type { FunctionModel } from '../model/index.js';
import { NodeRuntimeAdapter } from './node/node-runtime-adapter.js';
import { ProvidedRuntimeAdapter } from './provided/provided-runtime-adapter.js';
import { PythonRuntimeAdapter } from './python/python-runtime-adapter.js';
import type { CanRunResult, RuntimeAdapter } from './runtime-adapter.js';

/** A fresh set of adapters (they cache per-invoker state such as written inline code). Add runtimes here. */
export function createRuntimeAdapters(): RuntimeAdapter[] {
  return [new NodeRuntimeAdapter(), new PythonRuntimeAdapter(), new ProvidedRuntimeAdapter()];
}

export function findRuntimeAdapter(adapters: readonly RuntimeAdapter[], runtime: string): RuntimeAdapter | undefined {
  return adapters.find((adapter) => adapter.supports(runtime));
}

/** The message for a runtime no adapter runs; the same words at start-up and on invocation. */
export function unsupportedRuntimeReason(adapters: readonly RuntimeAdapter[], runtime: string): string {
  const families = adapters.map((adapter) => `${adapter.family}*`).join(', ');
  return `Runtime '${runtime}' cannot run locally (supported: ${families})`;
}

const checkers = createRuntimeAdapters();

/**
 * Whether the local gateway can run a function: its runtime is supported and what it needs before the
 * first invocation is there. The server prints the reason as a start-up warning.
 */
export function canRun(fn: FunctionModel): CanRunResult {
  const adapter = findRuntimeAdapter(checkers, fn.runtime);
  if (adapter === undefined) return { ok: false, reason: unsupportedRuntimeReason(checkers, fn.runtime) };
  const problem = adapter.findProblem(fn);
  return problem === undefined ? { ok: true } : { ok: false, reason: problem.errorMessage };
}
