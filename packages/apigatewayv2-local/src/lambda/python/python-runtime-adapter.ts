import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FunctionModel } from '../../model/index.js';
import { checkCodeDirectory, CodeDirectories, type CodeProblem } from '../function-code.js';
import { LayerDirectories, layerVariables } from '../function-layers.js';
import { initTimeoutFor, pythonDebuggerArguments } from '../debugger-arguments.js';
import { spawnJsonLinesRuntime, startProcessEnvironment } from '../start-process-environment.js';
import type { EnvironmentStart, RuntimeAdapter, RuntimeHost } from '../runtime-adapter.js';
import { PYTHON_BOOTSTRAP_SOURCE } from './python-bootstrap-source.js';

/**
 * Runs `python*` functions in child processes on the machine's `python3` (whatever `python3.x` the
 * template declares). Dependencies must be in the code directory, as in a Lambda zip.
 */
export class PythonRuntimeAdapter implements RuntimeAdapter {
  readonly family = 'python';
  private bootstrapScript?: Promise<string>;
  /** Lambda stores inline (`ZipFile`) Python code as `index.py`. */
  private readonly codeDirectories = new CodeDirectories({ fileName: 'index.py' });
  private readonly layers = new LayerDirectories();

  supports(runtime: string): boolean {
    return runtime.startsWith('python');
  }

  findProblem(fn: FunctionModel): CodeProblem | undefined {
    return findCodeProblem(fn);
  }

  async startEnvironment(fn: FunctionModel, host: RuntimeHost): Promise<EnvironmentStart> {
    const interpreter = findPython() ?? 'python3';
    const [bootstrapScript, taskRoot, opt] = await Promise.all([this.bootstrap(host), this.codeDirectories.resolve(fn, host), this.layers.resolve(fn, host)]);
    return startProcessEnvironment({
      fn,
      host,
      taskRoot,
      ...(opt !== undefined && { runtimeVariables: layerVariables(fn, opt) }),
      // -u keeps print() output unbuffered so lines appear as written.
      launch: spawnJsonLinesRuntime(interpreter, ['-u', ...pythonDebuggerArguments(fn), bootstrapScript]),
      ...initTimeoutFor(fn),
      // The bootstrap reads its next message only after answering, so nothing is queued in it.
      canWithdraw: false,
    });
  }

  private bootstrap(host: RuntimeHost): Promise<string> {
    this.bootstrapScript ??= host.scratchDir().then(async (scratch) => {
      const dir = path.join(scratch, 'python-runtime');
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, 'bootstrap.py');
      await writeFile(file, PYTHON_BOOTSTRAP_SOURCE);
      return file;
    });
    return this.bootstrapScript;
  }
}

let python: { readonly path: string | undefined } | undefined;

/**
 * The real interpreter behind `python3` on the gateway's PATH, asked once with the gateway's full
 * environment (version-manager shims need it; the function's environment does not carry it).
 */
function findPython(): string | undefined {
  python ??= (() => {
    const probe = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8', timeout: 5000 });
    const executable = probe.status === 0 ? probe.stdout.trim() : '';
    return { path: executable !== '' ? executable : undefined };
  })();
  return python.path;
}

let debugpy: boolean | undefined;

/** Whether the machine's `python3` can import debugpy (asked once). */
export function pythonHasDebugpy(): boolean {
  debugpy ??= (() => {
    const interpreter = findPython();
    return interpreter !== undefined && spawnSync(interpreter, ['-c', 'import debugpy'], { timeout: 10_000 }).status === 0;
  })();
  return debugpy;
}

/** What keeps a Python function from starting, found without starting it. */
function findCodeProblem(fn: FunctionModel): CodeProblem | undefined {
  if (findPython() === undefined) {
    return { errorType: 'Runtime.ExitError', errorMessage: `Runtime '${fn.runtime}' needs python3 on the PATH, and none was found` };
  }
  const dot = fn.handler.lastIndexOf('.');
  if (dot <= 0 || dot === fn.handler.length - 1) {
    return { errorType: 'Runtime.MalformedHandlerName', errorMessage: `Handler '${fn.handler}' is not of the form 'path/to/module.function'` };
  }
  if (fn.code.kind !== 'directory') return undefined;
  const missing = checkCodeDirectory(fn);
  if (missing !== undefined) return missing;
  const modulePath = path.join(fn.code.path, ...fn.handler.slice(0, dot).replaceAll('/', '.').split('.'));
  if (!existsSync(`${modulePath}.py`) && !existsSync(modulePath)) {
    return { errorType: 'Runtime.ImportModuleError', errorMessage: `Cannot find module '${fn.handler.slice(0, dot)}' (no .py file or package) in '${fn.code.path}'` };
  }
  return undefined;
}
