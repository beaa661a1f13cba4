import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatError } from './format-error.js';
import type { ErrorFields } from '../../environment-messages.js';

/** A handler as the Node.js runtime calls it: `(event, context, callback)`, sync, async or callback style. */
export type LoadedHandler = (event: unknown, context: unknown, callback: (error?: unknown, result?: unknown) => void) => unknown;

export type LoadOutcome = { readonly ok: true; readonly handler: LoadedHandler } | ({ readonly ok: false } & ErrorFields);

/**
 * How Lambda's Node.js runtime reads a handler string: `src/app.handler` is the file `src/app` (tried as
 * `.js`, `.mjs`, `.cjs`, then as a package in node_modules) and the export `handler`; `index.a.b` is the
 * export `a`'s property `b`. Anything after the file name's first dot is the property path.
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
 */
export interface HandlerReference {
  /** Directory part, relative to the task root, with its trailing slash (`src/`), or ''. */
  readonly moduleRoot: string;
  readonly moduleName: string;
  readonly propertyPath: readonly string[];
}

export function parseHandler(handler: string): HandlerReference | undefined {
  if (handler.includes('..')) return undefined;
  const base = path.posix.basename(handler);
  const dot = base.indexOf('.');
  if (dot <= 0 || dot === base.length - 1) return undefined;
  const propertyPath = base.slice(dot + 1).split('.');
  if (propertyPath.some((part) => part === '')) return undefined;
  return { moduleRoot: handler.slice(0, handler.length - base.length), moduleName: base.slice(0, dot), propertyPath };
}

/** Loads the handler module once (the init phase) and finds the exported function. */
export async function loadHandler(taskRoot: string, handler: string): Promise<LoadOutcome> {
  const ref = parseHandler(handler);
  if (ref === undefined) {
    return failure('Runtime.MalformedHandlerName', `Bad handler '${handler}': expected 'path/to/file.exportName'`);
  }
  let exported: unknown;
  try {
    exported = await importModule(taskRoot, ref);
  } catch (error) {
    return classifyLoadError(error);
  }
  let target: unknown = exported;
  for (const key of ref.propertyPath) {
    target = typeof target === 'object' || typeof target === 'function' ? (target as Record<string, unknown> | null)?.[key] : undefined;
  }
  if (typeof target !== 'function') {
    return failure('Runtime.HandlerNotFound', `${handler} is undefined or not exported`);
  }
  return { ok: true, handler: target as LoadedHandler };
}

const EXTENSIONS = ['.js', '.mjs', '.cjs'] as const;

async function importModule(taskRoot: string, ref: HandlerReference): Promise<unknown> {
  const requireFromRoot = createRequire(path.join(taskRoot, 'noop.js'));
  // Resolving again when nothing was found throws Node's own MODULE_NOT_FOUND error, reported as Lambda does.
  const file = findHandlerFile(taskRoot, ref) ?? requireFromRoot.resolve(ref.moduleRoot + ref.moduleName, { paths: [taskRoot] });
  return await load(file, requireFromRoot);
}

/**
 * The file a handler reference names: `moduleRoot/moduleName` with `.js`, `.mjs` or `.cjs`, else a package
 * of that name resolvable from the task root (node_modules), as Lambda looks for it; undefined if none.
 */
export function findHandlerFile(taskRoot: string, ref: HandlerReference): string | undefined {
  const base = path.resolve(taskRoot, ref.moduleRoot, ref.moduleName);
  const file = EXTENSIONS.map((ext) => base + ext).find((candidate) => existsSync(candidate));
  if (file !== undefined) return file;
  try {
    return createRequire(path.join(taskRoot, 'noop.js')).resolve(ref.moduleRoot + ref.moduleName, { paths: [taskRoot] });
  } catch {
    return undefined;
  }
}

/** ESM through `import()`, CommonJS through `require` (as Lambda does, so a CJS module's exports are exact). */
async function load(file: string, requireFromRoot: NodeJS.Require): Promise<unknown> {
  if (isEsm(file)) return (await import(pathToFileURL(file).href)) as unknown;
  return requireFromRoot(file) as unknown;
}

/** `.mjs`, or `.js` whose nearest package.json says `"type": "module"`, as Node itself decides. */
function isEsm(file: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (!file.endsWith('.js')) return false;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

/** Lambda's init error types: a missing module, a syntax error, or whatever the module threw. */
function classifyLoadError(error: unknown): LoadOutcome {
  const fields = formatError(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
    return { ok: false, ...fields, errorType: 'Runtime.ImportModuleError', errorMessage: `Error: ${fields.errorMessage}` };
  }
  if (error instanceof SyntaxError) {
    return { ok: false, ...fields, errorType: 'Runtime.UserCodeSyntaxError', errorMessage: `SyntaxError: ${fields.errorMessage}` };
  }
  return { ok: false, ...fields };
}

function failure(errorType: string, errorMessage: string): LoadOutcome {
  return { ok: false, errorType, errorMessage, trace: [] };
}
