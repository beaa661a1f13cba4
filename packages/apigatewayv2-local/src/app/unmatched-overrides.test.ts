import { describe, expect, test } from 'vitest';
import { httpApi, httpIntegration, lambdaIntegration, route, STACK } from '../http/http-test-fixtures.js';
import type { GatewayModel } from '../model/index.js';
import { unmatchedOverrides } from './unmatched-overrides.js';

const books = httpIntegration('https://books.example.com', { ref: { stackName: STACK, logicalId: 'BooksIntegration' }, integrationId: 'i-books' });
const model: GatewayModel = {
  apis: [httpApi({ routes: [route('GET /books', 'i-books')], integrations: [books, lambdaIntegration()] })],
  functions: [],
  diagnostics: [],
  environment: { accountId: '123456789012', region: 'us-east-1', partition: 'aws', urlSuffix: 'amazonaws.com' },
  stacks: [{ stackName: STACK, parameterNames: ['Stage', 'TableName'] }],
};

describe('unmatchedOverrides', () => {
  test('accepts keys that name an HTTP integration (logical id or integration id) and parameters that exist', () => {
    expect(unmatchedOverrides(model, { backends: new Map([['BooksIntegration', 'http://x'], ['i-books', 'http://y']]), parameters: { Stage: 'dev' } })).toEqual([]);
  });

  test('names each key that matches nothing and lists what exists', () => {
    expect(unmatchedOverrides(model, { backends: new Map([['BookIntegration', 'http://x']]), parameters: { stage: 'dev' } })).toEqual([
      "backend 'BookIntegration' matches no HTTP integration; the HTTP integrations (logical ids): BooksIntegration",
      "parameter 'stage' matches no template parameter; the parameters: Stage, TableName",
    ]);
  });

  test('says when there is nothing a key could match', () => {
    const bare: GatewayModel = { ...model, apis: [], stacks: [{ stackName: STACK, parameterNames: [] }] };
    expect(unmatchedOverrides(bare, { backends: new Map([['X', 'http://x']]), parameters: { Y: '1' } })).toEqual([
      "backend 'X' matches no HTTP integration; the model has no HTTP integrations (logical ids)",
      "parameter 'Y' matches no template parameter; the model has no parameters",
    ]);
  });

  test('names a service endpoint for a service no AWS service integration calls, listing those there are', () => {
    const sqs = { ...lambdaIntegration(), kind: 'aws-service' as const, subtype: 'SQS-SendMessage' as const, integrationId: 'i-sqs' };
    const withSqs: GatewayModel = { ...model, apis: [httpApi({ routes: [], integrations: [sqs] })] };
    const overrides = { backends: new Map<string, string>(), parameters: {} };
    expect(unmatchedOverrides(withSqs, { ...overrides, serviceEndpoints: new Map([['sqs', 'http://q']]) })).toEqual([]);
    expect(unmatchedOverrides(withSqs, { ...overrides, serviceEndpoints: new Map([['stepfunctions', 'http://s']]) })).toEqual([
      "service endpoint 'stepfunctions' names no service the template integrates with; the services with AWS service integrations: sqs",
    ]);
  });
});
