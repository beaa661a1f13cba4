import { existsSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FunctionModel } from '../model/index.js';
import type { RuntimeHost } from './runtime-adapter.js';

/** A problem found before starting an environment, with the error type Lambda's init would report. */
export interface CodeProblem {
  readonly errorType: string;
  readonly errorMessage: string;
}

/** A directory-code function whose directory is gone (e.g. `cdk.out` cleaned) cannot import anything. */
export function checkCodeDirectory(fn: FunctionModel): CodeProblem | undefined {
  if (fn.code.kind !== 'directory' || (existsSync(fn.code.path) && statSync(fn.code.path).isDirectory())) return undefined;
  return { errorType: 'Runtime.ImportModuleError', errorMessage: `Code directory '${fn.code.path}' does not exist (synthesize the app again?)` };
}

/** How a runtime lays out inline (`ZipFile`) code: Lambda writes it to one file named after the runtime. */
export interface InlineCodeLayout {
  /** `index.js` for Node.js, `index.py` for Python. */
  readonly fileName: string;
  /** Files written beside it, e.g. a package.json that pins the module format. */
  readonly extraFiles?: Readonly<Record<string, string>>;
}

/**
 * The directory a function runs from: its code directory, or for inline code a scratch directory written
 * once per function (every environment of the function shares it).
 */
export class CodeDirectories {
  private readonly inline = new Map<string, Promise<string>>();

  constructor(private readonly layout: InlineCodeLayout) {}

  resolve(fn: FunctionModel, host: RuntimeHost): Promise<string> {
    const { code } = fn;
    if (code.kind === 'directory') return Promise.resolve(path.resolve(code.path));
    let dir = this.inline.get(fn.arn);
    if (dir === undefined) {
      dir = this.write(fn, code.source, host);
      this.inline.set(fn.arn, dir);
    }
    return dir;
  }

  private async write(fn: FunctionModel, source: string, host: RuntimeHost): Promise<string> {
    const name = `${fn.ref.stackName}-${fn.ref.logicalId}`.replace(/[^A-Za-z0-9._-]/g, '_');
    const dir = path.join(await host.scratchDir(), 'inline', name);
    await mkdir(dir, { recursive: true });
    for (const [file, content] of Object.entries(this.layout.extraFiles ?? {})) await writeFile(path.join(dir, file), content);
    await writeFile(path.join(dir, this.layout.fileName), source);
    return dir;
  }
}
