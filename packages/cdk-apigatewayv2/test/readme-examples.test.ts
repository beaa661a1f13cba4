// Every ```ts block of every README.md in this package must compile against the built package (lib/), as a
// user would write it: its own imports, `declare const stack: Stack;` for free variables. One TypeScript
// program checks all blocks at once (loading aws-cdk-lib's types once keeps this within seconds).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const SKIPPED_DIRS = new Set(['node_modules', 'lib', 'dist', '.git']);

interface ReadmeBlock {
  /** README path relative to the package. */
  readonly readme: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** Position of the block in its README, 1-based. */
  readonly index: number;
  readonly code: string;
  /** Virtual file the block is checked as; inside the package so `cdk-apigatewayv2` resolves to lib/. */
  readonly fileName: string;
}

function findReadmes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return SKIPPED_DIRS.has(entry.name) ? [] : findReadmes(path);
    }
    return entry.name === 'README.md' ? [path] : [];
  });
}

function extractBlocks(readmePath: string): ReadmeBlock[] {
  const readme = relative(packageDir, readmePath);
  const lines = readFileSync(readmePath, 'utf8').split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*```(ts|typescript)\s*$/.test(lines[i])) {
      continue;
    }
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i]); i++) {
      body.push(lines[i]);
    }
    const index = blocks.length + 1;
    const slug = readme.replace(/[^A-Za-z0-9]+/g, '_');
    blocks.push({ readme, line: start + 1, index, code: body.join('\n'), fileName: join(packageDir, 'test', '__readme__', `${slug}_${index}.ts`) });
  }
  return blocks;
}

const blocks = findReadmes(packageDir).sort().flatMap(extractBlocks);
let diagnosticsByFile = new Map<string, readonly ts.Diagnostic[]>();

function checkAll(): Map<string, readonly ts.Diagnostic[]> {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2023,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.Node20,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    noEmit: true,
    types: ['node'],
  };
  const virtual = new Map(blocks.map((block) => [block.fileName, block.code]));
  const base = ts.createCompilerHost(options);
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (fileName) => virtual.has(fileName) || base.fileExists(fileName),
    readFile: (fileName) => virtual.get(fileName) ?? base.readFile(fileName),
    getSourceFile: (fileName, languageVersion, onError, shouldCreate) => {
      const code = virtual.get(fileName);
      return code !== undefined
        ? ts.createSourceFile(fileName, code, languageVersion, true, ts.ScriptKind.TS)
        : base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
    },
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  return new Map(blocks.map((block) => {
    const sourceFile = program.getSourceFile(block.fileName);
    return [block.fileName, sourceFile ? [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)] : []];
  }));
}

function describeDiagnostic(block: ReadmeBlock, diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    // +1 for the fence line, +1 because lines are 1-based.
    return `${block.readme}:${block.line + line + 1}:${character + 1} (block ${block.index}): TS${diagnostic.code} ${message}`;
  }
  return `${block.readme} (block ${block.index}): TS${diagnostic.code} ${message}`;
}

describe('README examples', () => {
  beforeAll(() => {
    if (!existsSync(join(packageDir, 'lib', 'index.d.ts'))) {
      throw new Error('README examples are checked against the built package: run `npm run build -w cdk-apigatewayv2` first');
    }
    diagnosticsByFile = checkAll();
  });

  test('the package README has TypeScript examples', () => {
    expect(blocks.filter((block) => block.readme === 'README.md').length).toBeGreaterThan(5);
  });

  test.each(blocks.map((block) => [`${block.readme} block ${block.index} (line ${block.line})`, block] as const))('%s compiles', (_name, block) => {
    const problems = (diagnosticsByFile.get(block.fileName) ?? []).map((diagnostic) => describeDiagnostic(block, diagnostic));
    expect(problems).toEqual([]);
  });
});
