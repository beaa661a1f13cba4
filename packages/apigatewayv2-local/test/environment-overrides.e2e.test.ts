// End to end: environment overrides (a SAM-shaped env file, the env option / --env) reach the handler, the
// start-up table says where each value came from, and a name the template lacks is an error.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpApi, HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startGateway } from '../src/index.js';
import { synthStack, type SynthesizedApp } from './support/synth-stack.js';

const HANDLER = `exports.handler = async () => ({
  statusCode: 200,
  body: JSON.stringify({ table: process.env.TABLE_NAME, stage: process.env.STAGE, keep: process.env.KEEP }),
});`;

let app: SynthesizedApp;
let fnId = '';

beforeAll(() => {
  app = synthStack('EnvE2e', (stack) => {
    const fn = new lambda.Function(stack, 'EnvFn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(HANDLER),
      environment: { TABLE_NAME: 'table-from-template', STAGE: 'prod', KEEP: 'kept' },
    });
    fnId = stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction);
    new HttpApi(stack, 'Api').addRoutes({ path: '/env', methods: [HttpMethod.GET], integration: new HttpLambdaIntegration('Env', fn) });
  });
});

afterAll(() => app?.dispose());

describe('environment overrides', () => {
  test('a SAM-shaped env file and env values reach the handler; the start-up table says where each came from', async () => {
    const envFile = join(app.directory, 'env.json');
    writeFileSync(envFile, JSON.stringify({ [fnId]: { TABLE_NAME: 'table-from-file' }, Parameters: { STAGE: 'local' } }));
    const lines: string[] = [];
    const gateway = await startGateway({ assembly: app.directory, port: 0, envFile, log: (line) => lines.push(line) });
    try {
      expect(await (await fetch(`${gateway.apis[0].url}/env`)).json()).toEqual({ table: 'table-from-file', stage: 'local', keep: 'kept' });
      const text = lines.join('\n');
      expect(text).toContain('environment overrides (2):');
      expect(text).toMatch(new RegExp(`env\\s+EnvE2e/${fnId}\\s+TABLE_NAME\\s+from env file .*env\\.json\n`));
      expect(text).toMatch(new RegExp(`env\\s+EnvE2e/${fnId}\\s+STAGE\\s+from env file .*env\\.json \\(Parameters\\)`));
    } finally {
      await gateway.close();
    }
    const flagged = await startGateway({ assembly: app.directory, port: 0, envFile, env: { [fnId]: { TABLE_NAME: 'table-from-flag' } }, quiet: true });
    try {
      expect(await (await fetch(`${flagged.apis[0].url}/env`)).json()).toMatchObject({ table: 'table-from-flag', stage: 'local' });
    } finally {
      await flagged.close();
    }
  });

  test('a function or variable the template lacks is an error listing what exists', async () => {
    await expect(startGateway({ assembly: app.directory, port: 0, quiet: true, env: { NoSuchFn: { A: 'b' } } })).rejects.toThrow(
      new RegExp(`--env: 'NoSuchFn' names no function; the functions \\(logical ids\\): ${fnId}`),
    );
    await expect(startGateway({ assembly: app.directory, port: 0, quiet: true, env: { [fnId]: { TABLE: 'b' } } })).rejects.toThrow(
      /has no variable TABLE in the template; the variables of .*: KEEP, STAGE, TABLE_NAME/,
    );
  });
});
