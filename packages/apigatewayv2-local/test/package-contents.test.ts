// What `npm pack` ships: the built JavaScript with source maps whose sources are inside the maps (the
// TypeScript sources are not shipped), so stack traces (`--enable-source-maps`) and debuggers show the
// original code; and the repository fields both packages share.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

interface PackedFile {
  readonly path: string;
}

function packedFiles(dir: string): string[] {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  const [report] = JSON.parse(output) as { files: PackedFile[] }[];
  return (report?.files ?? []).map((file) => file.path);
}

test("every shipped source map carries the sources it names, or they are shipped beside it", () => {
  const files = packedFiles(packageDir);
  const maps = files.filter((file) => file.endsWith('.js.map'));
  expect(maps.length).toBeGreaterThan(0);
  const dangling: string[] = [];
  for (const map of maps) {
    const { sources, sourcesContent } = JSON.parse(readFileSync(join(packageDir, map), 'utf8')) as { sources: string[]; sourcesContent?: (string | null)[] };
    sources.forEach((source, index) => {
      const shipped = files.includes(join(map, '..', source));
      if (!shipped && typeof sourcesContent?.[index] !== 'string') dangling.push(`${map} → ${source}`);
    });
  }
  expect(dangling).toEqual([]);
});

test('both packages name the same repository, each with its own directory in it', () => {
  const read = (dir: string): { repository?: { url?: string; directory?: string } } => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { repository?: { url?: string; directory?: string } };
  const local = read(packageDir).repository;
  const constructs = read(join(packageDir, '..', 'cdk-apigatewayv2')).repository;
  expect(local?.directory).toBe('packages/apigatewayv2-local');
  expect(constructs?.directory).toBe('packages/cdk-apigatewayv2');
  expect(local?.url).toBeDefined();
  expect(local?.url).toBe(constructs?.url);
});
