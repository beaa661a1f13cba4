import { spawn } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FunctionModel } from '../../model/index.js';
import { checkCodeDirectory, type CodeProblem } from '../function-code.js';
import { isOsOnlyRuntime } from '../lambda-environment-variables.js';
import type { EnvironmentStart, RuntimeAdapter, RuntimeHost } from '../runtime-adapter.js';
import { startProcessEnvironment } from '../start-process-environment.js';
import { startRuntimeApi } from './runtime-api-server.js';

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

  supports(runtime: string): boolean {
    return isOsOnlyRuntime(runtime);
  }

  findProblem(fn: FunctionModel): CodeProblem | undefined {
    return findBootstrapProblem(fn);
  }

  async startEnvironment(fn: FunctionModel, host: RuntimeHost): Promise<EnvironmentStart> {
    if (fn.code.kind !== 'directory') throw new Error(`startEnvironment: ${fn.ref.logicalId} has no code directory (findProblem reports it)`);
    const api = await startRuntimeApi();
    try {
      return await startProcessEnvironment({
        fn,
        host,
        taskRoot: path.resolve(fn.code.path),
        runtimeVariables: { AWS_LAMBDA_RUNTIME_API: api.address },
        launch: ({ taskRoot, env }) => {
          // Its own process group, so that what the bootstrap starts ends with its environment.
          const child = spawn(path.join(taskRoot, BOOTSTRAP_FILE), [], { cwd: taskRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
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
 * unusable bootstrap (`Runtime.InvalidEntrypoint`). Layers (`/opt/bootstrap`) are not looked at.
 */
function findBootstrapProblem(fn: FunctionModel): CodeProblem | undefined {
  if (fn.code.kind !== 'directory') {
    return { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `Runtime '${fn.runtime}' needs a code directory with an executable '${BOOTSTRAP_FILE}'; inline code (ZipFile) is for Node.js and Python only` };
  }
  const missing = checkCodeDirectory(fn);
  if (missing !== undefined) return missing;
  const bootstrap = path.join(fn.code.path, BOOTSTRAP_FILE);
  if (!isFile(bootstrap)) {
    return { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `Couldn't find a valid bootstrap: no file '${bootstrap}'` };
  }
  if (!isExecutable(bootstrap)) {
    return { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `'${bootstrap}' is not executable (chmod +x it)` };
  }
  const interpreter = findMissingInterpreter(bootstrap, fn.environment.PATH ?? process.env.PATH ?? '');
  if (interpreter !== undefined) {
    return { errorType: 'Runtime.InvalidEntrypoint', errorMessage: `'${bootstrap}' is a script for '${interpreter}', which is not installed on this machine` };
  }
  return undefined;
}

/**
 * The interpreter a script's `#!` line names when this machine lacks it (`#!/usr/bin/env python3` without
 * `python3` on the function's PATH, `#!/opt/bin/php` without that file); undefined for binaries and
 * scripts whose interpreter is there.
 */
function findMissingInterpreter(bootstrap: string, searchPath: string): string | undefined {
  const [command, firstArgument] = readShebang(bootstrap);
  if (command === undefined) return undefined;
  if (path.basename(command) === 'env' && firstArgument !== undefined && !firstArgument.startsWith('-') && !firstArgument.includes('=')) {
    const found = searchPath.split(path.delimiter).some((dir) => dir !== '' && isExecutable(path.join(dir, firstArgument)));
    return found ? undefined : firstArgument;
  }
  return isExecutable(command) ? undefined : command;
}

/** The command and first argument of a `#!` line; none for a file that does not start with one. */
function readShebang(file: string): readonly string[] {
  const buffer = Buffer.alloc(256);
  const fd = openSync(file, 'r');
  let length: number;
  try {
    length = readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    closeSync(fd);
  }
  const head = buffer.subarray(0, length).toString('latin1');
  if (!head.startsWith('#!')) return [];
  return head.slice(2).split('\n')[0]?.trim().split(/\s+/).filter((part) => part !== '') ?? [];
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
