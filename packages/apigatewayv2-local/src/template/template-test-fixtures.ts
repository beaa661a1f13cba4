import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];

// Each test file that uses these fixtures removes what they created once its tests are done.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory (cloud assemblies, templates and handler code written by tests), removed after the file's tests. */
export function tempDirectory(prefix = 'apigw-local-template-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** A directory holding a tiny Node.js handler, for `lambda.Code.fromAsset`. */
export function handlerDirectory(body = "export const handler = async () => ({ statusCode: 200, body: 'ok' });\n"): string {
  const dir = tempDirectory('apigw-local-handler-');
  writeFileSync(join(dir, 'index.mjs'), body);
  return dir;
}

/** Writes `files` (relative path → text, or an object serialized as JSON) into a new temporary directory. */
export function writeFiles(files: Readonly<Record<string, string | object>>): string {
  const dir = tempDirectory();
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 1));
  }
  return dir;
}
