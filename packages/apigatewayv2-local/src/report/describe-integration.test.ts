import { describe, expect, test } from 'vitest';
import { httpIntegration, STACK } from '../http/http-test-fixtures.js';
import { describeIntegration } from './describe-integration.js';

const context = (backends: Record<string, string> = {}) => ({ resolveFunction: () => undefined, backends: new Map(Object.entries(backends)) });
const internet = httpIntegration('https://books.example.com/v1/{proxy}', { ref: { stackName: STACK, logicalId: 'BooksIntegration' } });
const privateLink = httpIntegration('arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/1/2', {
  ref: { stackName: STACK, logicalId: 'AlbIntegration' },
  connectionType: 'VPC_LINK',
  connectionId: 'link',
});

describe('describeIntegration', () => {
  test('names an HTTP integration by the logical id --backend takes', () => {
    expect(describeIntegration(internet, context())).toBe('HTTP ANY https://books.example.com/v1/{proxy} (integration BooksIntegration)');
  });

  test('shows the URL a --backend sends requests to, not the template URI', () => {
    expect(describeIntegration(internet, context({ BooksIntegration: 'http://127.0.0.1:8080/base/' }))).toBe(
      'HTTP ANY http://127.0.0.1:8080/base/v1/{proxy} (integration BooksIntegration, --backend)',
    );
  });

  test('names a private integration with or without its --backend', () => {
    expect(describeIntegration(privateLink, context())).toBe('private ANY unreachable (integration AlbIntegration: no --backend)');
    expect(describeIntegration(privateLink, context({ AlbIntegration: 'http://127.0.0.1:9000' }))).toBe(
      'private ANY http://127.0.0.1:9000 (integration AlbIntegration, --backend)',
    );
  });
});
