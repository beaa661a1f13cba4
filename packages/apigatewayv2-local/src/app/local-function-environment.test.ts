import { describe, expect, test } from 'vitest';
import { handlerFunction } from '../http/http-test-fixtures.js';
import { LOCAL_CREDENTIALS, localFunctionEnvironment } from './local-function-environment.js';

const environment = { accountId: '123456789012', region: 'eu-west-1', partition: 'aws', urlSuffix: 'amazonaws.com' };

describe('localFunctionEnvironment', () => {
  test('points the WebSocket API endpoint and callback URL at the local port', () => {
    const fn = {
      ...handlerFunction,
      environment: {
        CALLBACK_URL: 'https://abcdefghij.execute-api.eu-west-1.amazonaws.com/prod',
        SOCKET_URL: 'wss://abcdefghij.execute-api.eu-west-1.amazonaws.com/prod',
        OTHER_API: 'https://zzzzzzzzzz.execute-api.eu-west-1.amazonaws.com/prod',
      },
    };
    const local = localFunctionEnvironment(fn, { environment, endpoints: [{ apiId: 'abcdefghij', localHost: '127.0.0.1:3001' }] });
    expect(local.environment).toMatchObject({
      CALLBACK_URL: 'https://127.0.0.1:3001/prod',
      SOCKET_URL: 'ws://127.0.0.1:3001/prod',
      OTHER_API: 'https://zzzzzzzzzz.execute-api.eu-west-1.amazonaws.com/prod',
    });
  });

  test('gives local credentials and trusts the local certificate, the template winning for its own variables', () => {
    const certificate = { key: 'k', cert: 'c', certFile: '/tmp/x/cert.pem', bundleFile: '/tmp/x/bundle.pem' };
    const fn = { ...handlerFunction, environment: { AWS_CA_BUNDLE: '/mine.pem' } };
    const local = localFunctionEnvironment(fn, { environment, endpoints: [], certificate });
    expect(local.environment).toEqual({
      ...LOCAL_CREDENTIALS,
      NODE_EXTRA_CA_CERTS: '/tmp/x/cert.pem',
      AWS_CA_BUNDLE: '/mine.pem',
      REQUESTS_CA_BUNDLE: '/tmp/x/bundle.pem',
    });
    expect(fn.environment).toEqual({ AWS_CA_BUNDLE: '/mine.pem' });
  });
});
