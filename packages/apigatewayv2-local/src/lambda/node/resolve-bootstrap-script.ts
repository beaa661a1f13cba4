import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNTIME_DIR = fileURLToPath(new URL('./runtime/', import.meta.url));

/**
 * The script a Node.js execution environment runs. From the built package that is the compiled
 * `runtime/bootstrap.js` beside this file. When the gateway itself runs from its TypeScript sources
 * (vitest, tsx), the child process cannot load `.ts` files, so the runtime folder (node built-ins and
 * its own files only) is transpiled once into `scratchDir`.
 */
export async function resolveBootstrapScript(scratchDir: string): Promise<string> {
  const compiled = path.join(RUNTIME_DIR, 'bootstrap.js');
  if (existsSync(compiled)) return compiled;
  const { default: ts } = await import('typescript');
  const outDir = path.join(scratchDir, 'node-runtime');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'package.json'), '{ "type": "module" }\n');
  const sources = (await readdir(RUNTIME_DIR)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
  for (const name of sources) {
    const source = await readFile(path.join(RUNTIME_DIR, name), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      fileName: name,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
    });
    await writeFile(path.join(outDir, name.replace(/\.ts$/, '.js')), outputText);
  }
  return path.join(outDir, 'bootstrap.js');
}
