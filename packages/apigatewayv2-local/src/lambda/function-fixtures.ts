/** Test support shared by the runtime tests: handler files on disk and the models that run them. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FunctionModel } from '../model/index.js';

/** Writes `files` (relative name → content) under `dir`, creating folders as needed. */
export async function writeFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}

export interface TestFunctionOptions {
  /** The code directory's parent; the function gets `root/<logicalId>`. */
  readonly root: string;
  readonly logicalId: string;
  readonly runtime: string;
  readonly files: Readonly<Record<string, string>>;
  readonly handler: string;
  readonly overrides?: Partial<FunctionModel>;
}

/** Writes a function's code directory and returns its model, with Lambda's defaults (3 s, 128 MB). */
export async function writeTestFunction(options: TestFunctionOptions): Promise<FunctionModel> {
  const { root, logicalId } = options;
  const dir = path.join(root, logicalId);
  await writeFiles(dir, options.files);
  return {
    ref: { stackName: 'TestStack', logicalId },
    arn: `arn:aws:lambda:us-east-1:123456789012:function:${logicalId}`,
    functionName: logicalId,
    runtime: options.runtime,
    handler: options.handler,
    code: { kind: 'directory', path: dir },
    environment: {},
    timeoutMs: 3000,
    memoryMb: 128,
    architecture: 'x86_64',
    ...options.overrides,
  };
}
