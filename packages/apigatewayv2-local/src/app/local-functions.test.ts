import { expect, test } from 'vitest';
import { handlerFunction } from '../http/http-test-fixtures.js';
import type { FunctionModel, GatewayModel } from '../model/index.js';
import { LocalFunctions } from './local-functions.js';

const fn = (logicalId: string, extra: Partial<FunctionModel> = {}): FunctionModel => ({
  ...handlerFunction,
  ref: { stackName: 'S', logicalId },
  functionName: logicalId,
  arn: `arn:aws:lambda:us-east-1:123456789012:function:${logicalId}`,
  code: { kind: 'inline', source: 'exports.handler = async () => ({})' },
  ...extra,
});

const model = (functions: FunctionModel[]): GatewayModel => ({
  apis: [],
  functions,
  diagnostics: [],
  environment: { accountId: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' },
});

test('resolves ARNs, qualified ARNs and names to the served model, and to the next one after a switch', () => {
  const functions = new LocalFunctions(model([fn('Books')]), () => {});
  const arn = fn('Books').arn;
  expect(functions.resolve(arn)?.ref.logicalId).toBe('Books');
  expect(functions.resolve(`${arn}:live`)?.ref.logicalId).toBe('Books');
  expect(functions.resolve('Authors')).toBeUndefined();

  functions.switchTo(model([fn('Authors'), fn('Books', { environment: { TABLE: 'books-2' } })]), []);
  expect(functions.resolve('Authors')?.ref.logicalId).toBe('Authors');
  expect(functions.resolve(arn)?.environment.TABLE).toBe('books-2');
});
