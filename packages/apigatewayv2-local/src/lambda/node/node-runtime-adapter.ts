import type { FunctionModel } from '../../model/index.js';
import type { EnvironmentStart, RuntimeAdapter, RuntimeHost } from '../runtime-adapter.js';
import { checkCodeDirectory, CodeDirectories, type CodeProblem } from '../function-code.js';
import { spawnJsonLinesRuntime, startProcessEnvironment } from '../start-process-environment.js';
import { memoryArguments } from './memory-arguments.js';
import { resolveBootstrapScript } from './resolve-bootstrap-script.js';
import { findHandlerFile, parseHandler } from './runtime/load-handler.js';

/** V8's fatal message when the heap limit derived from `MemorySize` is reached. */
const V8_OUT_OF_MEMORY = /FATAL ERROR: .*(heap out of memory|Reached heap limit)/;

/**
 * Runs `nodejs*` functions in child processes of the gateway, on the gateway's own Node.js (a function
 * declared as `nodejs22.x` runs on whatever `node` runs the gateway).
 */
export class NodeRuntimeAdapter implements RuntimeAdapter {
  readonly family = 'nodejs';
  private bootstrapScript?: Promise<string>;
  /**
   * Lambda stores inline (`ZipFile`) Node.js code as `index.js`, loaded as CommonJS; the package.json pins
   * that so no `"type": "module"` further up the temp directory can change it.
   */
  private readonly codeDirectories = new CodeDirectories({ fileName: 'index.js', extraFiles: { 'package.json': '{ "type": "commonjs" }\n' } });

  supports(runtime: string): boolean {
    return runtime.startsWith('nodejs');
  }

  findProblem(fn: FunctionModel): CodeProblem | undefined {
    return findCodeProblem(fn);
  }

  async startEnvironment(fn: FunctionModel, host: RuntimeHost): Promise<EnvironmentStart> {
    const [bootstrapScript, taskRoot] = await Promise.all([this.bootstrap(), this.codeDirectories.resolve(fn, host)]);
    return startProcessEnvironment({
      fn,
      host,
      taskRoot,
      // Not the gateway's own flags (loaders, inspector): the function gets a plain node plus its heap limits.
      launch: spawnJsonLinesRuntime(process.execPath, [...memoryArguments(fn.memoryMb), bootstrapScript]),
      outOfMemory: V8_OUT_OF_MEMORY,
      canWithdraw: true,
    });
  }

  private bootstrap(): Promise<string> {
    this.bootstrapScript ??= resolveBootstrapScript();
    return this.bootstrapScript;
  }
}

/** What keeps a function from starting, found without starting it, with the error type Lambda's init reports. */
function findCodeProblem(fn: FunctionModel): CodeProblem | undefined {
  const ref = parseHandler(fn.handler);
  if (ref === undefined) {
    return { errorType: 'Runtime.MalformedHandlerName', errorMessage: `Handler '${fn.handler}' is not of the form 'path/to/file.exportName'` };
  }
  if (fn.code.kind !== 'directory') return undefined;
  const missing = checkCodeDirectory(fn);
  if (missing !== undefined) return missing;
  if (findHandlerFile(fn.code.path, ref) === undefined) {
    const module = `${ref.moduleRoot}${ref.moduleName}`;
    return { errorType: 'Runtime.ImportModuleError', errorMessage: `Cannot find module '${module}' (no ${module}.js, .mjs or .cjs) in '${fn.code.path}'` };
  }
  return undefined;
}
