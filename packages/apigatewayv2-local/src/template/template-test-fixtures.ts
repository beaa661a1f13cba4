import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory (cloud assemblies, templates and handler code written by tests). */
export function tempDirectory(prefix = 'apigw-local-template-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
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
