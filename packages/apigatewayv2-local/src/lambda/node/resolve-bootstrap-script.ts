import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNTIME_DIR = fileURLToPath(new URL('./runtime/', import.meta.url));

/**
 * The script a Node.js execution environment runs. From the built package that is the compiled
 * `runtime/bootstrap.js` beside this file. When the gateway itself runs from its TypeScript sources
 * (vitest, tsx), the child process cannot load `.ts` files, so the runtime folder (node built-ins and its
 * own files only) is transpiled into a temp directory named after a hash of the sources. That directory is
 * shared by every process running the same sources and outlives them: loading the compiler costs seconds.
 */
export async function resolveBootstrapScript(): Promise<string> {
  const compiled = path.join(RUNTIME_DIR, 'bootstrap.js');
  if (existsSync(compiled)) return compiled;
  const names = (await readdir(RUNTIME_DIR)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts')).sort();
  const sources = await Promise.all(names.map(async (name) => [name, await readFile(path.join(RUNTIME_DIR, name), 'utf8')] as const));
  const hash = createHash('sha256');
  for (const [name, source] of sources) hash.update(`${name}\0${source}\0`);
  const outDir = path.join(tmpdir(), `apigw-local-node-runtime-${hash.digest('hex').slice(0, 16)}`);
  const script = path.join(outDir, 'bootstrap.js');
  if (existsSync(script)) return script;

  const { default: ts } = await import('typescript');
  const staging = await mkdtemp(`${outDir}-staging-`);
  await writeFile(path.join(staging, 'package.json'), '{ "type": "module" }\n');
  for (const [name, source] of sources) {
    const { outputText } = ts.transpileModule(source, {
      fileName: name,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    });
    await writeFile(path.join(staging, name.replace(/\.ts$/, '.js')), outputText);
  }
  // Another process may have finished the same directory first; either copy is identical.
  await mkdir(path.dirname(outDir), { recursive: true });
  await rename(staging, outDir).catch(() => rm(staging, { recursive: true, force: true }));
  return script;
}
