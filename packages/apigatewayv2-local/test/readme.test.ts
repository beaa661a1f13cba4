// The README's ```ts examples compile against the built package (imported by name, as users do).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const packageDir = join(import.meta.dirname, '..');
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

/** Type-checks source files that exist only in memory, resolving imports from the package's folder. */
function typeCheck(files: ReadonlyMap<string, string>): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const onDisk = { getSourceFile: host.getSourceFile.bind(host), fileExists: host.fileExists.bind(host), readFile: host.readFile.bind(host) };
  host.getSourceFile = (fileName, language, ...rest) => {
    const text = files.get(fileName);
    return text === undefined ? onDisk.getSourceFile(fileName, language, ...rest) : ts.createSourceFile(fileName, text, language);
  };
  host.fileExists = (fileName) => files.has(fileName) || onDisk.fileExists(fileName);
  host.readFile = (fileName) => files.get(fileName) ?? onDisk.readFile(fileName);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    return `${d.file?.fileName ?? ''}${where ? `:${where.line + 1}` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('README', () => {
  test('has TypeScript examples', () => {
    expect(snippets.length).toBeGreaterThan(0);
  });

  test('starts with an Install section: the npm command and what the machine needs', () => {
    const install = /\n## Install\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    expect(install).toContain('npm install --save-dev apigatewayv2-local');
    expect(install).toMatch(/Node\.js\*\* 20\.19 or later/);
    expect(readme.indexOf('## Install')).toBeLessThan(readme.indexOf('## Concepts'));
  });

  test('the check reports a wrong option in an example', () => {
    const files = new Map([[join(packageDir, 'test', 'readme-wrong.mts'), "import { startGateway } from 'apigatewayv2-local';\nawait startGateway({ prot: 3000 });\n"]]);
    expect(typeCheck(files)).toEqual([expect.stringContaining("'prot' does not exist in type 'StartGatewayOptions'")]);
  });

  test('every ```ts example compiles against apigatewayv2-local', () => {
    // .mts: each snippet is an ES module, so top-level await and `import` work as in a user's ESM test file.
    const files = new Map(snippets.map((code, i) => [join(packageDir, 'test', `readme-snippet-${i + 1}.mts`), code]));
    expect(typeCheck(files)).toEqual([]);
  });
});
