import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseCliArgs } from '../app/parse-cli-args.js';
import { writeFiles } from '../template/template-test-fixtures.js';
import { runOpenApiCommand } from './openapi-command.js';
import { BOOKS_TEMPLATE } from './openapi-test-fixtures.js';

describe('apigw-local openapi', () => {
  test('parses the subcommand: a template file as source, --api, --stage, -o and --format', () => {
    expect(parseCliArgs(['openapi', 'api.yaml', '--api', 'Api', '--stage', 'prod', '-o', 'out.yaml', '--format', 'yaml'])).toEqual({
      kind: 'openapi',
      options: { source: { template: 'api.yaml' }, api: 'Api', stage: 'prod', output: 'out.yaml', format: 'yaml' },
    });
    expect(parseCliArgs(['openapi', 'cdk.out'])).toEqual({ kind: 'openapi', options: { source: { assembly: 'cdk.out' } } });
    expect(parseCliArgs(['openapi', '--help'])).toEqual({ kind: 'openapi-help' });
  });

  test('refuses an unknown format and two sources', () => {
    expect(() => parseCliArgs(['openapi', '--format', 'xml'])).toThrow("--format must be json or yaml, got 'xml'");
    expect(() => parseCliArgs(['openapi', 'cdk.out', '--template', 't.json'])).toThrow('give one source');
  });

  test('writes the document of the API named by its Name as YAML, and prints JSON by default', async () => {
    const dir = writeFiles({ 'Books.template.json': BOOKS_TEMPLATE });
    const output = join(dir, 'books.yaml');
    await runOpenApiCommand({ source: { template: join(dir, 'Books.template.json') }, api: 'books', stage: 'prod', output });
    const written = parseYaml(readFileSync(output, 'utf8')) as { openapi: string; paths: Record<string, unknown> };
    expect(written.openapi).toBe('3.0.1');
    expect(Object.keys(written.paths)).toContain('/books/{id}');
    const printed = JSON.parse(await runOpenApiCommand({ source: { template: join(dir, 'Books.template.json') }, stage: 'prod' })) as unknown;
    expect(printed).toEqual(written);
  });

  test('names the HTTP APIs there are when --api names none, and the stages when --stage names none', async () => {
    const dir = writeFiles({ 'Books.template.json': BOOKS_TEMPLATE });
    const source = { template: join(dir, 'Books.template.json') };
    await expect(runOpenApiCommand({ source, api: 'nope' })).rejects.toThrow("--api 'nope' names no HTTP API; HTTP APIs: Api (books)");
    await expect(runOpenApiCommand({ source, stage: 'dev' })).rejects.toThrow("--stage 'dev': API Api has the stages $default, prod");
  });
});
