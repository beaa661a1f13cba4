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

  test('puts URLs on a custom domain on the domain port, resolves the domains locally in Node.js, and keeps NODE_OPTIONS', () => {
    const fn = {
      ...handlerFunction,
      environment: {
        CALLBACK_URL: 'https://ws.example.com/chat',
        SOCKET_URL: 'wss://ws.example.com',
        WITH_PORT: 'https://ws.example.com:9999/chat',
        LONGER: 'https://ws.example.com.evil.test/x',
        NODE_OPTIONS: '--enable-source-maps',
      },
    };
    const customDomains = { names: ['ws.example.com', '*.example.org'], port: 8443, preload: '/tmp/x/apigw-local-hosts.cjs' };
    const local = localFunctionEnvironment(fn, { environment, endpoints: [], customDomains });
    expect(local.environment).toMatchObject({
      CALLBACK_URL: 'https://ws.example.com:8443/chat',
      SOCKET_URL: 'wss://ws.example.com:8443',
      WITH_PORT: 'https://ws.example.com:9999/chat',
      LONGER: 'https://ws.example.com.evil.test/x',
      APIGW_LOCAL_HOSTS: 'ws.example.com,*.example.org',
      NODE_OPTIONS: '--require=/tmp/x/apigw-local-hosts.cjs --enable-source-maps',
    });
  });
});
