import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FunctionModel } from '../../model/index.js';
import type { CanRunResult, EnvironmentStart, RuntimeAdapter, RuntimeHost } from '../runtime-adapter.js';
import { invokedFunctionArn } from '../invoked-function-arn.js';
import { buildLambdaEnvironment } from './lambda-environment-variables.js';
import { NodeExecutionEnvironment } from './node-execution-environment.js';
import { resolveBootstrapScript } from './resolve-bootstrap-script.js';
import { findHandlerFile, parseHandler } from './runtime/load-handler.js';

/**
 * Lambda's Init phase limit for on-demand functions (10 s).
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-ib
 */
export const INIT_TIMEOUT_MS = 10_000;

/**
 * Runs `nodejs*` functions in child processes of the gateway, on the gateway's own Node.js (a function
 * declared as `nodejs22.x` runs on whatever `node` runs the gateway).
 */
export class NodeRuntimeAdapter implements RuntimeAdapter {
  readonly family = 'nodejs';
  private bootstrapScript?: Promise<string>;
  /** Inline (`ZipFile`) sources written to disk, by function ARN. */
  private readonly inlineRoots = new Map<string, Promise<string>>();

  supports(runtime: string): boolean {
    return runtime.startsWith('nodejs');
  }

  check(fn: FunctionModel): CanRunResult {
    const problem = findCodeProblem(fn);
    return problem === undefined ? { ok: true } : { ok: false, reason: problem.errorMessage };
  }

  async startEnvironment(fn: FunctionModel, host: RuntimeHost): Promise<EnvironmentStart> {
    const problem = findCodeProblem(fn);
    if (problem !== undefined) return { ok: false, result: { kind: 'runtime-error', ...problem } };
    const [bootstrapScript, taskRoot] = await Promise.all([this.bootstrap(host), this.codeDirectory(fn, host)]);
    return NodeExecutionEnvironment.start({
      fn,
      bootstrapScript,
      taskRoot,
      invokedFunctionArn: invokedFunctionArn(fn, host),
      env: buildLambdaEnvironment(fn, { region: host.region, taskRoot, hostEnvironment: process.env }),
      onLog: host.onLog,
      initTimeoutMs: INIT_TIMEOUT_MS,
    });
  }

  private bootstrap(host: RuntimeHost): Promise<string> {
    this.bootstrapScript ??= host.scratchDir().then(resolveBootstrapScript);
    return this.bootstrapScript;
  }

  private codeDirectory(fn: FunctionModel, host: RuntimeHost): Promise<string> {
    const { code } = fn;
    if (code.kind === 'directory') return Promise.resolve(path.resolve(code.path));
    let root = this.inlineRoots.get(fn.arn);
    if (root === undefined) {
      root = writeInlineSource(fn, code.source, host);
      this.inlineRoots.set(fn.arn, root);
    }
    return root;
  }
}

/** What keeps a function from starting, found without starting it, with the error type Lambda's init reports. */
function findCodeProblem(fn: FunctionModel): { errorType: string; errorMessage: string } | undefined {
  const ref = parseHandler(fn.handler);
  if (ref === undefined) {
    return { errorType: 'Runtime.MalformedHandlerName', errorMessage: `Handler '${fn.handler}' is not of the form 'path/to/file.exportName'` };
  }
  if (fn.code.kind !== 'directory') return undefined;
  if (!(existsSync(fn.code.path) && statSync(fn.code.path).isDirectory())) {
    return { errorType: 'Runtime.ImportModuleError', errorMessage: `Code directory '${fn.code.path}' does not exist (synthesize the app again?)` };
  }
  if (findHandlerFile(fn.code.path, ref) === undefined) {
    const module = `${ref.moduleRoot}${ref.moduleName}`;
    return { errorType: 'Runtime.ImportModuleError', errorMessage: `Cannot find module '${module}' (no ${module}.js, .mjs or .cjs) in '${fn.code.path}'` };
  }
  return undefined;
}

/**
 * Lambda stores inline (`ZipFile`) Node.js code as `index.js`, loaded as CommonJS; the local package.json
 * pins that so no `"type": "module"` further up the temp directory can change it.
 */
async function writeInlineSource(fn: FunctionModel, source: string, host: RuntimeHost): Promise<string> {
  const dir = path.join(await host.scratchDir(), 'inline', `${fn.ref.stackName}-${fn.ref.logicalId}`.replace(/[^A-Za-z0-9._-]/g, '_'));
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), '{ "type": "commonjs" }\n');
  await writeFile(path.join(dir, 'index.js'), source);
  return dir;
}
