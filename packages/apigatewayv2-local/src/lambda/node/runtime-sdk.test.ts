// The AWS SDK that Lambda's Node.js runtimes include, offered to handlers whose code directory reaches no
// node_modules (an app synthesized into a temporary directory): the SDK is found in this repository's
// node_modules (the gateway's working directory and its own installation), and nothing else is.
import { realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FunctionModel } from '../../model/index.js';
import { createLocalInvoker, type LocalInvoker } from '../create-local-invoker.js';
import { writeFiles, writeTestFunction } from '../function-fixtures.js';
import type { InvokeResult } from '../invoker.js';
import type { RuntimeHost } from '../runtime-adapter.js';
import { missingModuleHint, packageNameOf } from './missing-module-hint.js';
import { NodeRuntimeAdapter } from './node-runtime-adapter.js';
import { linkRuntimeSdk } from './runtime-sdk.js';

const SDK_CLIENT = '@aws-sdk/client-apigatewaymanagementapi';

let root: string;
let invoker: LocalInvoker;
const notices: string[] = [];
let count = 0;

function nodeFunction(files: Record<string, string>, handler = 'index.handler', overrides: Partial<FunctionModel> = {}): Promise<FunctionModel> {
  return writeTestFunction({ root, logicalId: `SdkFn${++count}`, runtime: 'nodejs22.x', files, handler, overrides });
}

const invoke = (fn: FunctionModel, event: unknown = {}): Promise<InvokeResult> => invoker.invoke(fn, { event, requestId: `sdk-req-${++count}` });

async function payload(fn: FunctionModel, event: unknown = {}): Promise<unknown> {
  const result = await invoke(fn, event);
  if (result.kind !== 'success') throw new Error(`expected success, got ${JSON.stringify(result)}`);
  return JSON.parse(result.payload);
}

beforeAll(async () => {
  // Under the system's temp directory: no node_modules at or above it.
  root = await mkdtemp(path.join(tmpdir(), 'runtime-sdk-'));
  invoker = createLocalInvoker({ onLog: () => {}, onNotice: (message) => notices.push(message) });
});
afterAll(async () => {
  await invoker.close();
  await rm(root, { recursive: true, force: true });
});

describe('handlers that import the AWS SDK without bundling it', () => {
  test('a CommonJS handler requires an @aws-sdk client', async () => {
    const fn = await nodeFunction({ 'index.js': `const sdk = require('${SDK_CLIENT}'); exports.handler = async () => typeof sdk.ApiGatewayManagementApiClient;` });
    expect(await payload(fn)).toBe('function');
  });

  test('an ES module handler imports an @aws-sdk client and a @smithy package', async () => {
    const fn = await nodeFunction({
      'index.mjs': `import { ApiGatewayManagementApiClient } from '${SDK_CLIENT}';
import * as smithy from '@smithy/signature-v4';
export const handler = async () => [typeof ApiGatewayManagementApiClient, typeof smithy.SignatureV4];`,
    });
    expect(await payload(fn)).toEqual(['function', 'function']);
  });

  test("the function's own copy of an SDK package comes first, as on Lambda", async () => {
    const fn = await nodeFunction({
      [`node_modules/${SDK_CLIENT}/index.js`]: 'exports.bundled = true;',
      'index.js': `exports.handler = async () => require('${SDK_CLIENT}').bundled === true;`,
    });
    expect(await payload(fn)).toBe(true);
  });

  test("the SDK's Node.js-version notice is switched off, unless the function sets the switch itself", async () => {
    const source = 'exports.handler = async () => process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? null;';
    expect(await payload(await nodeFunction({ 'index.js': source }))).toBe('true');
    expect(await payload(await nodeFunction({ 'index.js': source }, 'index.handler', { environment: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false' } }))).toBe('false');
  });
});

describe('modules Lambda would not have', () => {
  test("another package of the developer's project is not offered: Lambda's ImportModuleError, and one hint to bundle it", async () => {
    // `ws` is installed in this repository's node_modules, as a handler's dependency would be in a project.
    const fn = await nodeFunction({ 'index.js': "require('ws'); exports.handler = async () => null;" });
    const first = await invoke(fn);
    expect(first).toMatchObject({ kind: 'runtime-error', errorType: 'Runtime.ImportModuleError', errorMessage: expect.stringMatching(/^Error: Cannot find module 'ws'/) as string });
    expect((await invoke(fn)).kind).toBe('runtime-error');
    const hints = notices.filter((notice) => notice.includes(fn.ref.logicalId));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/imports 'ws', which Lambda would not find either.*NodejsFunction/);
  });

  test('an SDK package installed nowhere on the machine: the error, and a hint to install it', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'runtime-sdk-none-'));
    const adapter = new NodeRuntimeAdapter([empty]);
    const hints: string[] = [];
    const host: RuntimeHost = { onLog: () => {}, onNotice: (message) => hints.push(message), region: 'us-east-1', accountId: '123456789012', scratchDir: () => Promise.resolve(empty) };
    const fn = await nodeFunction({ 'index.mjs': `import '${SDK_CLIENT}'; export const handler = async () => null;` });
    const start = await adapter.startEnvironment(fn, host);
    expect(start).toMatchObject({ ok: false, result: { kind: 'runtime-error', errorType: 'Runtime.ImportModuleError' } });
    expect(hints).toEqual([expect.stringContaining(`npm install --save-dev ${SDK_CLIENT}`)]);
    await rm(empty, { recursive: true, force: true });
  });

  test('an SDK package installed while the gateway runs is found by the next environment', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'runtime-sdk-project-'));
    const adapter = new NodeRuntimeAdapter([project]);
    const host: RuntimeHost = { onLog: () => {}, onNotice: () => {}, region: 'us-east-1', accountId: '123456789012', scratchDir: () => Promise.resolve(project) };
    const fn = await nodeFunction({ 'index.js': "const { late } = require('@aws-sdk/client-late'); exports.handler = async () => late;" });
    expect(await adapter.startEnvironment(fn, host)).toMatchObject({ ok: false, result: { errorType: 'Runtime.ImportModuleError' } });
    await writeFiles(project, { 'node_modules/@aws-sdk/client-late/index.js': 'exports.late = true;' });
    const start = await adapter.startEnvironment(fn, host);
    expect(start.ok).toBe(true);
    if (start.ok) await start.environment.dispose();
    await rm(project, { recursive: true, force: true });
  });

  test('a hint names the package of a deep import and says to add a missing file to the asset', () => {
    expect(packageNameOf('@aws-sdk/client-s3/dist-cjs/index.js')).toBe('@aws-sdk/client-s3');
    expect(packageNameOf('lodash/fp')).toBe('lodash');
    expect(packageNameOf('./lib/util')).toBeUndefined();
    const sdk = { dir: '', packageCount: 0, searched: [] };
    const fn = { arn: 'arn', ref: { stackName: 'S', logicalId: 'Fn' }, code: { kind: 'directory', path: '/code' } } as FunctionModel;
    expect(missingModuleHint(fn, 'Runtime.ImportModuleError', "Error: Cannot find module './lib/util'\nRequire stack:", sdk)?.message).toContain('Add the file to the function\'s asset');
    expect(missingModuleHint(fn, 'Runtime.UserCodeSyntaxError', "SyntaxError: Cannot find module 'x'", sdk)).toBeUndefined();
  });
});

test('links each SDK package from the nearest root that has it, and nothing outside the SDK scopes', async () => {
  const base = await mkdtemp(path.join(tmpdir(), 'runtime-sdk-link-'));
  await writeFiles(base, {
    'project/node_modules/@aws-sdk/client-a/index.js': '',
    'project/node_modules/lodash/index.js': '',
    'gateway/node_modules/@aws-sdk/client-a/index.js': '',
    'gateway/node_modules/@aws-sdk/client-b/index.js': '',
    'gateway/node_modules/@smithy/types/index.js': '',
  });
  const sdk = await linkRuntimeSdk([path.join(base, 'project/src'), path.join(base, 'gateway')], path.join(base, 'farm'));
  const linked = (name: string): string => realpathSync(path.join(base, 'farm/node_modules', name));
  expect(sdk.packageCount).toBe(3);
  expect(linked('@aws-sdk/client-a')).toBe(realpathSync(path.join(base, 'project/node_modules/@aws-sdk/client-a')));
  expect(linked('@aws-sdk/client-b')).toBe(realpathSync(path.join(base, 'gateway/node_modules/@aws-sdk/client-b')));
  expect(linked('@smithy/types')).toBe(realpathSync(path.join(base, 'gateway/node_modules/@smithy/types')));
  expect(() => linked('lodash')).toThrow();
  await rm(base, { recursive: true, force: true });
});
