// What `npm pack` ships: lib/**/*.js, each with an inline source map that carries its TypeScript source (the
// sources are not shipped), so stack traces (`--enable-source-maps`) and debuggers show the original code.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const packageDir = join(import.meta.dirname, '..');
const INLINE_MAP = /\n\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;

test('every shipped .js file has an inline source map with the sources it names', () => {
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: packageDir, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } });
  const [report] = JSON.parse(output) as { files: { path: string }[] }[];
  const scripts = (report?.files ?? []).map((file) => file.path).filter((file) => file.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  const without = scripts.filter((script) => {
    const encoded = INLINE_MAP.exec(readFileSync(join(packageDir, script), 'utf8'))?.[1];
    if (encoded === undefined) return true;
    const map = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as { sources: string[]; sourcesContent?: unknown[] };
    return map.sources.length === 0 || map.sources.some((_, index) => typeof map.sourcesContent?.[index] !== 'string');
  });
  expect(without).toEqual([]);
});
