// Every ```ts block of every README.md in this package must compile against the built package (lib/), as a
// user would write it: its own imports; the package README's blocks are complete programs (an App and a
// Stack, nothing declared), the submodules' READMEs may `declare const stack: Stack;` for free variables. One TypeScript
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

  test("the package README's examples are complete programs: each makes its App and Stack and declares nothing", () => {
    const fragments = blocks
      .filter((block) => block.readme === 'README.md')
      .filter((block) => /^declare /m.test(block.code) || !/new App\(/.test(block.code) || !/new Stack\(/.test(block.code))
      .map((block) => `README.md block ${block.index} (line ${block.line})`);
    expect(fragments).toEqual([]);
  });

  test('the package README starts with an Install section: the npm command with the peer dependencies', () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const install = /\n## Install\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    const { peerDependencies } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
    expect(install).toContain(`npm install cdk-apigatewayv2 ${Object.entries(peerDependencies).map(([name, range]) => `${name}@${range}`).join(' ')}`);
  });

  test("the migration guide shows the package.json change, from the 1.123 versions the parity suite compares with", () => {
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const guide = /\n## Migrating from @aws-cdk 1\.123\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    const parity = JSON.parse(readFileSync(join(packageDir, '..', '..', 'parity', 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    for (const module of ['@aws-cdk/aws-apigatewayv2', '@aws-cdk/aws-apigatewayv2-integrations', '@aws-cdk/aws-apigatewayv2-authorizers']) {
      expect(guide).toContain(`"${module}": "${parity.devDependencies[module]}"`);
    }
    expect(guide).toMatch(/npm uninstall @aws-cdk\/aws-apigatewayv2 /);
    expect(guide).toContain('"cdk-apigatewayv2": "^0.1.0"');
  });

  test('the package README lists every warning id the library emits', () => {
    const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sources(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
    });
    const emitted = new Set(sources(join(packageDir, 'src')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/'(cdk-apigatewayv2:[A-Za-z]+)'/g)].map((match) => match[1])));
    const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
    const listed = new Set([...readme.matchAll(/^\| `(cdk-apigatewayv2:[A-Za-z]+)` \|/gm)].map((match) => match[1]));
    expect(emitted.size).toBeGreaterThan(0);
    expect([...listed].sort()).toEqual([...emitted].sort());
  });

  test.each(blocks.map((block) => [`${block.readme} block ${block.index} (line ${block.line})`, block] as const))('%s compiles', (_name, block) => {
    const problems = (diagnosticsByFile.get(block.fileName) ?? []).map((diagnostic) => describeDiagnostic(block, diagnostic));
    expect(problems).toEqual([]);
  });
});
