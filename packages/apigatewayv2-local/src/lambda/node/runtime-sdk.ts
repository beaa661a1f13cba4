import { existsSync } from 'node:fs';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIME_SDK_SCOPES } from './runtime/runtime-sdk-specifier.js';

/**
 * Lambda's Node.js 18+ runtimes include the AWS SDK for JavaScript v3 (`@aws-sdk/*` and the `@smithy/*`
 * packages it is built on), so a handler may import it without bundling it:
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included
 * Locally the SDK comes from the developer's own project (the gateway's working directory, walking up its
 * `node_modules`), then from wherever the gateway itself is installed. Only these scopes are offered: a
 * handler that imports any other package it did not bundle fails locally as it would on Lambda.
 */
export function defaultRuntimeSdkRoots(): string[] {
  return [process.cwd(), path.dirname(fileURLToPath(import.meta.url))];
}

/** The directories named `node_modules` at `start` and above it, nearest first. */
function nodeModulesAbove(start: string): string[] {
  const found: string[] = [];
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules');
    if (existsSync(candidate)) found.push(candidate);
    if (path.dirname(dir) === dir) return found;
  }
}

/** The SDK the local runtime offers handlers: a `node_modules` made of links, and what it holds. */
export interface RuntimeSdk {
  /** A directory whose `node_modules` holds the links (for `NODE_PATH` and as the ESM resolve hook's parent). */
  readonly dir: string;
  /** How many packages it links to; 0 when no `@aws-sdk/*` or `@smithy/*` package was found anywhere. */
  readonly packageCount: number;
  /** The `node_modules` directories searched, nearest first (named in the hint when a package is missing). */
  readonly searched: readonly string[];
}

/**
 * Writes `<into>/node_modules/@aws-sdk/<name>` (and `@smithy/…`) as links to the first copy of each
 * package found in the `node_modules` directories at and above each root, in order. Links, not copies:
 * Node.js resolves a package through its real path, so the SDK finds its own dependencies where it is
 * installed.
 */
export async function linkRuntimeSdk(roots: readonly string[], into: string): Promise<RuntimeSdk> {
  const searched = [...new Set(roots.flatMap(nodeModulesAbove))];
  const linked = new Set<string>();
  for (const scope of RUNTIME_SDK_SCOPES) {
    const scopeDir = path.join(into, 'node_modules', scope);
    for (const nodeModules of searched) {
      const entries = await readdir(path.join(nodeModules, scope), { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        const name = `${scope}/${entry.name}`;
        if (linked.has(name) || !(entry.isDirectory() || entry.isSymbolicLink())) continue;
        linked.add(name);
        await mkdir(scopeDir, { recursive: true });
        // A junction needs no privilege on Windows; elsewhere the type is ignored.
        await symlink(path.join(nodeModules, scope, entry.name), path.join(scopeDir, entry.name), 'junction');
      }
    }
  }
  return { dir: into, packageCount: linked.size, searched };
}
