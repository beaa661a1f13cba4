import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { readRouteAuthorization, routeAuthorizationProps, routeTypeOfAuthorizer } from './route-authorization';

const route = new Stack(new App(), 'Stack');
const http = { protocol: 'http', route, subject: 'HttpRouteAuthorizerConfig' } as const;
const websocket = { protocol: 'websocket', route, subject: 'WebSocketRoute', propPrefix: 'authorizer ' } as const;

describe('one route authorization for HTTP and WebSocket routes', () => {
  test('JWT is a route authorization type of HTTP APIs only', () => {
    expect(readRouteAuthorization({ authorizationType: 'JWT', authorizerId: 'a', authorizationScopes: ['read'] }, http))
      .toEqual({ type: 'JWT', authorizerId: 'a', scopes: ['read'] });
    expectError(() => readRouteAuthorization({ authorizationType: 'JWT', authorizerId: 'a' }, websocket),
      "WebSocketRoute authorizer authorizationType must be one of NONE, AWS_IAM, CUSTOM, got 'JWT' (at 'Stack')");
  });

  test('CUSTOM and JWT need an authorizer id on both protocols; NONE and AWS_IAM do not', () => {
    expectError(() => readRouteAuthorization({ authorizationType: 'CUSTOM' }, websocket),
      "WebSocketRoute authorizer authorizerId is required for authorizationType 'CUSTOM', got undefined (at 'Stack')");
    expectError(() => readRouteAuthorization({ authorizationType: 'JWT' }, http),
      "HttpRouteAuthorizerConfig authorizerId is required for authorizationType 'JWT', got undefined (at 'Stack')");
    expect(readRouteAuthorization({ authorizationType: 'AWS_IAM' }, websocket)).toEqual({ type: 'AWS_IAM' });
  });

  test("an imported authorizer's type may be the authorizer's (REQUEST) or the route's (CUSTOM)", () => {
    expect(['REQUEST', 'CUSTOM', 'JWT', 'NONE'].map((type) => routeTypeOfAuthorizer(type, 'http'))).toEqual(['CUSTOM', 'CUSTOM', 'JWT', undefined]);
    expect(['REQUEST', 'CUSTOM', 'JWT'].map((type) => routeTypeOfAuthorizer(type, 'websocket'))).toEqual(['CUSTOM', 'CUSTOM', undefined]);
  });

  test('renders the route properties: empty scopes and no authorization are left out', () => {
    expect(routeAuthorizationProps({ type: 'NONE', scopes: [] })).toEqual({ authorizationType: 'NONE' });
    expect(routeAuthorizationProps(undefined)).toEqual({});
  });
});
