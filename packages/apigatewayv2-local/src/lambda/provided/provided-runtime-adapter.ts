import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FunctionModel } from '../../model/index.js';
import { checkCodeDirectory, type CodeProblem } from '../function-code.js';
import { isOsOnlyRuntime } from '../lambda-environment-variables.js';
import type { EnvironmentStart, RuntimeAdapter, RuntimeHost } from '../runtime-adapter.js';
import { startProcessEnvironment } from '../start-process-environment.js';
import { startRuntimeApi } from './runtime-api-server.js';
import { LayerDirectories, layerDirectories, layerVariables } from '../function-layers.js';

/** The executable Lambda starts for an OS-only runtime, found in the code directory. */
export const BOOTSTRAP_FILE = 'bootstrap';

/**
 * Runs OS-only (`provided`, `provided.al2`, `provided.al2023`) functions: the code directory's executable
 * `bootstrap`, started as a child process on this machine, gets its invocations from a local Lambda
 * Runtime API (`AWS_LAMBDA_RUNTIME_API`), one per environment. The bootstrap must be able to run here:
 * a script whose interpreter is installed, or a binary built for this machine.
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-provided.html
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html
 */
export class ProvidedRuntimeAdapter implements RuntimeAdapter {
  readonly family = 'provided';
  private readonly layers = new LayerDirectories();

  supports(runtime: string): boolean {
    return isOsOnlyRuntime(runtime);
  }

  findProblem(fn: FunctionModel): CodeProblem | undefined {
    return findBootstrapProblem(fn);
  }

  async startEnvironment(fn: FunctionModel, host: RuntimeHost): Promise<EnvironmentStart> {
    if (fn.code.kind !== 'directory') throw new Error(`startEnvironment: ${fn.ref.logicalId} has no code directory (findProblem reports it)`);
    const opt = await this.layers.resolve(fn, host);
    const layerBootstrap = opt !== undefined && bootstrapOf(fn).fromLayer ? path.join(opt, BOOTSTRAP_FILE) : undefined;
    const api = await startRuntimeApi();
    try {
      return await startProcessEnvironment({
        fn,
        host,
        taskRoot: path.resolve(fn.code.path),
        runtimeVariables: {
          AWS_LAMBDA_RUNTIME_API: api.address,
          ...(opt !== undefined && layerVariables(fn, opt)),
        },
        launch: ({ taskRoot, env }) => {
          // Its own process group, so that what the bootstrap starts ends with its environment.
          const child = spawn(layerBootstrap ?? path.join(taskRoot, BOOTSTRAP_FILE), [], { cwd: taskRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
          // The Runtime API lives as long as the process.
          child.once('close', () => api.close());
          child.once('error', () => api.close());
          return { child, channel: api.channel };
        },
        // Invocations wait in the Runtime API until the bootstrap asks for them, so they can be taken back.
        canWithdraw: true,
        ownsProcessGroup: process.platform !== 'win32',
      });
    } catch (error) {
      api.close();
      throw error;
    }
  }
}

/**
 * What keeps an OS-only function from starting, with the error type Lambda reports for a missing or
 * unusable bootstrap (`Runtime.InvalidEntrypoint`), the code directory's or else a layer's (`bootstrapOf`).
 */
function findBootstrapProblem(fn: FunctionModel): CodeProblem | undefined {
  if (fn.code.kind !== 'directory') {
    return { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `Runtime '${fn.runtime}' needs a code directory with an executable '${BOOTSTRAP_FILE}'; inline code (ZipFile) is for Node.js and Python only` };
  }
  const missing = checkCodeDirectory(fn);
  if (missing !== undefined) return missing;
  const bootstrap = bootstrapOf(fn).file;
  if (!isFile(bootstrap)) {
    return { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `Couldn't find a valid bootstrap: no file '${bootstrap}'` };
  }
  if (!isExecutable(bootstrap)) {
    return { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `'${bootstrap}' is not executable (chmod +x it)` };
  }
  const head = readHead(bootstrap);
  const interpreter = findMissingInterpreter(head, fn.environment.PATH ?? process.env.PATH ?? '');
  if (interpreter !== undefined) {
    return { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `'${bootstrap}' is a script for '${interpreter}', which is not installed on this machine` };
  }
  const foreign = findForeignBinary(head);
  if (foreign !== undefined) return { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `'${bootstrap}' is ${foreign}` };
  return undefined;
}

/**
 * The bootstrap Lambda starts: the code directory's, else `/opt/bootstrap` from the function's layers (the
 * last layer that has one, as later layers win)
 * (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html#runtimes-custom-build).
 */
function bootstrapOf(fn: FunctionModel): { readonly file: string; readonly fromLayer: boolean } {
  const own = path.join(fn.code.kind === 'directory' ? fn.code.path : '', BOOTSTRAP_FILE);
  if (isFile(own)) return { file: own, fromLayer: false };
  const layered = layerDirectories(fn).map((dir) => path.join(dir, BOOTSTRAP_FILE)).findLast(isFile);
  return layered === undefined ? { file: own, fromLayer: false } : { file: layered, fromLayer: true };
}

/** The first bytes of a file: enough for a `#!` line or an ELF header. */
function readHead(file: string): Buffer {
  const buffer = Buffer.alloc(256);
  const fd = openSync(file, 'r');
  try {
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * The interpreter a script's `#!` line names when this machine lacks it (`#!/usr/bin/env python3` without
 * `python3` on the function's PATH, `#!/opt/bin/php` without that file); undefined for binaries and
 * scripts whose interpreter is there.
 */
function findMissingInterpreter(head: Buffer, searchPath: string): string | undefined {
  const text = head.toString('latin1');
  if (!text.startsWith('#!')) return undefined;
  const [command, firstArgument] = text.slice(2).split('\n')[0]?.trim().split(/\s+/) ?? [];
  if (command === undefined || command === '') return undefined;
  if (path.basename(command) === 'env' && firstArgument !== undefined && !firstArgument.startsWith('-') && !firstArgument.includes('=')) {
    const found = searchPath.split(path.delimiter).some((dir) => dir !== '' && isExecutable(path.join(dir, firstArgument)));
    return found ? undefined : firstArgument;
  }
  return isExecutable(command) ? undefined : command;
}

/** ELF `e_machine` values of the CPUs Lambda offers (`Architectures`), by Node.js's name for them. */
const ELF_MACHINES: Readonly<Record<number, string>> = { 0x3e: 'x64', 0xb7: 'arm64' };

/**
 * Why an ELF binary (what Lambda runs: Linux, x86_64 or arm64) cannot run here: another OS, or another CPU
 * (`GOARCH=arm64` on an x86_64 machine). Undefined for scripts and binaries this machine runs.
 * https://refspecs.linuxfoundation.org/elf/gabi4+/ch4.eheader.html
 */
export function findForeignBinary(head: Buffer, platform: string = process.platform, arch: string = process.arch): string | undefined {
  if (head.length < 20 || head.readUInt32BE(0) !== 0x7f454c46) return undefined;
  if (platform !== 'linux') return `a Linux binary, and this machine runs ${platform}`;
  // e_machine, in the byte order EI_DATA names (1: little-endian).
  const machine = head[5] === 1 ? head.readUInt16LE(18) : head.readUInt16BE(18);
  const built = ELF_MACHINES[machine];
  return built !== undefined && built !== arch ? `built for ${built}, and this machine is ${arch}` : undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
