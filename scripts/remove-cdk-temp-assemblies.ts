// A vitest setup file for the packages whose tests synthesize CDK apps. aws-cdk-lib gives every `App`
// without an `outdir` a new `cdk.outXXXXXX` directory in the system temp directory and never removes it:
// thousands per test run. This records the ones made while a test file runs and removes them after it.
import fs from 'node:fs';
import { basename } from 'node:path';
import { afterAll } from 'vitest';

const created: string[] = [];
const mkdtempSync = fs.mkdtempSync.bind(fs);

fs.mkdtempSync = ((prefix: string, options?: fs.EncodingOption) => {
  const dir = mkdtempSync(prefix, options);
  if (basename(prefix) === 'cdk.out') created.push(String(dir));
  return dir;
}) as typeof fs.mkdtempSync;

afterAll(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
