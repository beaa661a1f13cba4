// What `npm pack` ships: lib/**/*.js without source maps (a measured choice: inline maps made the library
// slower to load under tsx and --enable-source-maps, see the README's "Synthesis cost"), so no shipped file
// may point at a source map or at `src/`, which is not shipped.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const packageDir = join(import.meta.dirname, '..');

test('no shipped .js file refers to a source map or to sources the package does not ship', () => {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  const [report] = JSON.parse(output) as { files: { path: string }[] }[];
  const files = (report?.files ?? []).map((file) => file.path);
  const scripts = files.filter((file) => file.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  expect(files.filter((file) => file.endsWith('.map') || file.startsWith('src/'))).toEqual([]);
  const referring = scripts.filter((script) => readFileSync(join(packageDir, script), 'utf8').includes('//# sourceMappingURL='));
  expect(referring).toEqual([]);
});
