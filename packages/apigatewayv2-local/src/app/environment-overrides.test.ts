import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GatewayError } from '../errors.js';
import { handlerFunction } from '../http/http-test-fixtures.js';
import type { FunctionModel, GatewayModel } from '../model/index.js';
import { writeFiles } from '../template/template-test-fixtures.js';
import { applyEnvironmentOverrides, jsonErrorPosition, readEnvFile } from './environment-overrides.js';

const fn = (logicalId: string, environment: Record<string, string>): FunctionModel => ({
  ...handlerFunction,
  ref: { stackName: 'S', logicalId },
  arn: `arn:aws:lambda:us-east-1:123456789012:function:${logicalId}`,
  functionName: logicalId,
  environment,
});
const model: GatewayModel = {
  apis: [],
  functions: [fn('BooksFn', { TABLE: 'from-template', STAGE: 'prod' }), fn('AuthFn', { STAGE: 'prod', SECRET: 's' })],
  diagnostics: [],
  environment: { accountId: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' },
};
const envOf = (m: GatewayModel, id: string) => m.functions.find((f) => f.ref.logicalId === id)!;

describe('applyEnvironmentOverrides', () => {
  test('replaces a function’s variables, Parameters for every function that has them, and records where each came from', () => {
    const out = applyEnvironmentOverrides(model, [
      { label: 'env file env.json', overrides: { Parameters: { STAGE: 'local' }, BooksFn: { TABLE: 'books-file' } } },
      { label: '--env', overrides: { 'S/BooksFn': { TABLE: 'books-flag' } } },
    ]);
    expect(envOf(out, 'BooksFn').environment).toEqual({ TABLE: 'books-flag', STAGE: 'local' });
    expect(envOf(out, 'BooksFn').environmentOrigins).toEqual({ TABLE: '--env', STAGE: 'env file env.json (Parameters)' });
    expect(envOf(out, 'AuthFn').environment).toEqual({ STAGE: 'local', SECRET: 's' });
  });

  test('a function-specific value wins over Parameters of the same source', () => {
    const out = applyEnvironmentOverrides(model, [{ label: '--env', overrides: { BooksFn: { STAGE: 'mine' }, Parameters: { STAGE: 'all' } } }]);
    expect(envOf(out, 'BooksFn').environment.STAGE).toBe('mine');
    expect(envOf(out, 'AuthFn').environment.STAGE).toBe('all');
  });

  test('a function, a variable or a Parameters name the template lacks is an error listing what exists', () => {
    const attempt = (overrides: Record<string, Record<string, string>>) => () => applyEnvironmentOverrides(model, [{ label: '--env', overrides }]);
    expect(attempt({ BookFn: { TABLE: 'x' } })).toThrow("--env: 'BookFn' names no function; the functions (logical ids): AuthFn, BooksFn");
    expect(attempt({ BooksFn: { TABLES: 'x' } })).toThrow('--env: function BooksFn has no variable TABLES in the template; the variables of BooksFn: STAGE, TABLE');
    expect(attempt({ Parameters: { NOPE: 'x' } })).toThrow('Parameters.NOPE matches no variable of any function; the variables: SECRET, STAGE, TABLE');
    expect(attempt({ BookFn: { TABLE: 'x' } })).toThrow(GatewayError);
  });

  test('no overrides: the model as it was', () => {
    expect(applyEnvironmentOverrides(model, [])).toBe(model);
  });
});

describe('readEnvFile', () => {
  test('reads SAM’s shape, turning numbers and booleans into text', () => {
    const dir = writeFiles({ 'env.json': { BooksFn: { TABLE: 'x', PORT: 8080, DEBUG: true } } });
    expect(readEnvFile(join(dir, 'env.json'))).toEqual({ BooksFn: { TABLE: 'x', PORT: '8080', DEBUG: 'true' } });
  });

  test('a file that is not valid JSON names the line and column', () => {
    const dir = writeFiles({ 'env.json': '{\n  "BooksFn": {\n    "TABLE": "x",\n  }\n}\n' });
    expect(() => readEnvFile(join(dir, 'env.json'))).toThrow(/env file .*env\.json is not valid JSON at line 4, column 3/);
  });

  test('a value that is an object, and a file that is not an object, are errors naming it', () => {
    const dir = writeFiles({ 'a.json': { BooksFn: { TABLE: { nested: 1 } } }, 'b.json': '[1]' });
    expect(() => readEnvFile(join(dir, 'a.json'))).toThrow(/BooksFn\.TABLE must be a string, number or boolean/);
    expect(() => readEnvFile(join(dir, 'b.json'))).toThrow(/must be a JSON object/);
    expect(() => readEnvFile(join(dir, 'missing.json'))).toThrow(/cannot be read/);
  });

  test('jsonErrorPosition reads Node.js messages with a position or with a line and column', () => {
    expect(jsonErrorPosition('{\n "a": 1,\n}', 'Expected double-quoted property name in JSON at position 11')).toEqual({ line: 3, column: 1 });
    expect(jsonErrorPosition('x', 'Unexpected token (line 7 column 2)')).toEqual({ line: 7, column: 2 });
    expect(jsonErrorPosition('{\n', 'Unexpected end of JSON input')).toEqual({ line: 2, column: 1 });
  });
});
