import type { FunctionModel } from '../../model/index.js';
import type { EnvironmentStart, RuntimeAdapter, RuntimeHost } from '../runtime-adapter.js';
import { checkCodeDirectory, CodeDirectories, type CodeProblem } from '../function-code.js';
import { spawnJsonLinesRuntime, startProcessEnvironment } from '../start-process-environment.js';
import path from 'node:path';
import { LayerDirectories, layerVariables } from '../function-layers.js';
import { initTimeoutFor, nodeDebuggerArguments } from '../debugger-arguments.js';
import { memoryArguments } from './memory-arguments.js';
import { missingModuleHint } from './missing-module-hint.js';
import { resolveBootstrapScript } from './resolve-bootstrap-script.js';
import { defaultRuntimeSdkRoots, linkRuntimeSdk, type RuntimeSdk } from './runtime-sdk.js';
import { findHandlerFile, parseHandler } from './runtime/load-handler.js';

/**
 * The AWS SDK for JavaScript v3 warns once per process, through `process.emitWarning`, when the Node.js
 * running it is older than the SDK's next minimum; this variable is its documented switch
 * (https://github.com/aws/aws-sdk-js-v3/issues/7983). Locally every `nodejs*` function runs on the gateway's
 * own Node.js, not the version its runtime names, and on Lambda the runtime's Node.js is AWS's to keep
 * current: the notice is about the developer's machine, not the function, so environments get the variable
 * unless the function sets it itself (listed in the README's differences from Lambda).
 */
const SDK_NODE_VERSION_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/** V8's fatal message when the heap limit derived from `MemorySize` is reached. */
const V8_OUT_OF_MEMORY = /FATAL ERROR: .*(heap out of memory|Reached heap limit)/;

/**
 * Runs `nodejs*` functions in child processes of the gateway, on the gateway's own Node.js (a function
 * declared as `nodejs22.x` runs on whatever `node` runs the gateway).
 */
export class NodeRuntimeAdapter implements RuntimeAdapter {
  readonly family = 'nodejs';
  private bootstrapScript?: Promise<string>;
  private runtimeSdk?: Promise<RuntimeSdk>;
  /** How many times the runtime SDK was linked: each time into a fresh directory. */
  private sdkLinks = 0;
  /** Hints printed already (one per function and missing module). */
  private readonly hinted = new Set<string>();
  /**
   * Lambda stores inline (`ZipFile`) Node.js code as `index.js`, loaded as CommonJS; the package.json pins
   * that so no `"type": "module"` further up the temp directory can change it.
   */
  private readonly codeDirectories = new CodeDirectories({ fileName: 'index.js', extraFiles: { 'package.json': '{ "type": "commonjs" }\n' } });
  private readonly layers = new LayerDirectories();

  /** @param sdkRoots where the AWS SDK is looked for, nearest first (see `defaultRuntimeSdkRoots`). */
  constructor(private readonly sdkRoots: readonly string[] = defaultRuntimeSdkRoots()) {}

  supports(runtime: string): boolean {
    return runtime.startsWith('nodejs');
  }

  findProblem(fn: FunctionModel): CodeProblem | undefined {
    return findCodeProblem(fn);
  }

  async startEnvironment(fn: FunctionModel, host: RuntimeHost): Promise<EnvironmentStart> {
    const [bootstrapScript, taskRoot, sdk, opt] = await Promise.all([
      this.bootstrap(),
      this.codeDirectories.resolve(fn, host),
      this.sdk(host),
      this.layers.resolve(fn, host),
    ]);
    const offered = sdk.packageCount > 0;
    const sdkModules = offered ? path.join(sdk.dir, 'node_modules') : undefined;
    const start = await startProcessEnvironment({
      fn,
      host,
      taskRoot,
      runtimeVariables: {
        ...(fn.environment[SDK_NODE_VERSION_WARNING_SWITCH] === undefined && { [SDK_NODE_VERSION_WARNING_SWITCH]: 'true' }),
        // After the function's own NODE_PATH, as Lambda's runtime directories come after /opt's.
        ...(sdkModules !== undefined && { NODE_PATH: [fn.environment.NODE_PATH, sdkModules].filter((entry) => entry !== undefined && entry !== '').join(path.delimiter) }),
        // The layers' directories between the two (ES modules find them through the runtime's resolve hook).
        ...(opt !== undefined && layerVariables(fn, opt, sdkModules)),
      },
      // Not the gateway's own flags (loaders, inspector): the function gets a plain node plus its heap limits.
      launch: spawnJsonLinesRuntime(process.execPath, [
        ...memoryArguments(fn.memoryMb),
        ...nodeDebuggerArguments(fn),
        bootstrapScript,
        ...(offered ? [`--runtime-sdk=${sdk.dir}`] : []),
      ]),
      ...initTimeoutFor(fn),
      outOfMemory: V8_OUT_OF_MEMORY,
      canWithdraw: true,
    });
    if (!start.ok && start.result.kind === 'runtime-error') {
      const hint = missingModuleHint(fn, start.result.errorType, start.result.errorMessage, sdk);
      // An SDK package installed after the links were made is found by the next environment.
      if (hint?.kind === 'sdk') this.runtimeSdk = undefined;
      if (hint !== undefined && !this.hinted.has(hint.key)) {
        this.hinted.add(hint.key);
        host.onNotice(hint.message);
      }
    }
    return start;
  }

  /** The AWS SDK offered to every function, linked once per invoker into its scratch directory. */
  private sdk(host: RuntimeHost): Promise<RuntimeSdk> {
    this.runtimeSdk ??= host.scratchDir().then(
      (scratch) => linkRuntimeSdk(this.sdkRoots, path.join(scratch, `runtime-sdk-${++this.sdkLinks}`)),
    ).catch((error: unknown) => {
      host.onNotice(`apigw-local: the AWS SDK cannot be offered to Node.js functions: ${String(error)}`);
      return { dir: '', packageCount: 0, searched: [] };
    });
    return this.runtimeSdk;
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
