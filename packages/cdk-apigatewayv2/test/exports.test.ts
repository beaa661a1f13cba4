import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';

const require = createRequire(import.meta.url);

describe('package entry points', () => {
  test('the integrations and authorizers subpaths resolve with require and are the root namespaces', () => {
    const root = require('cdk-apigatewayv2') as typeof import('cdk-apigatewayv2');
    const integrations = require('cdk-apigatewayv2/integrations') as typeof import('cdk-apigatewayv2/integrations');
    const authorizers = require('cdk-apigatewayv2/authorizers') as typeof import('cdk-apigatewayv2/authorizers');
    expect(root.integrations).toBe(integrations);
    expect(root.authorizers).toBe(authorizers);
  });

  test('the subpaths resolve with import', async () => {
    const integrations = await import('cdk-apigatewayv2/integrations');
    const authorizers = await import('cdk-apigatewayv2/authorizers');
    expect(typeof integrations).toBe('object');
    expect(typeof authorizers).toBe('object');
  });
});
