import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, test } from 'vitest';
import { newFunction, newStack } from '../../test/support/websocket-fixtures';
import { HttpApi, HttpMethod, WebSocketApi } from '../index';
import { LambdaProxyIntegration, LambdaWebSocketIntegration } from '../integrations';

describe('the Lambda policy size warning', () => {
  test('recommends scopePermissionToRoute when per-route HTTP grants fill the policy', () => {
    const stack = newStack();
    const handler = newFunction(stack, 'Handler');
    const api = new HttpApi(stack, 'Api');
    const integration = new LambdaProxyIntegration({ handler });
    for (let i = 0; i < 80; i++) {
      api.addRoutes({ path: `/resource-number-${i}`, methods: [HttpMethod.GET], integration });
    }

    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('20480-byte limit'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).toMatch(/\d+ of them are per-route grants: set `scopePermissionToRoute: false`/);
  });

  test('does not recommend scopePermissionToRoute when WebSocket routes fill the policy', () => {
    const stack = newStack();
    const handler = newFunction(stack, 'Handler');
    const api = new WebSocketApi(stack, 'Api');
    const integration = new LambdaWebSocketIntegration({ handler });
    for (let i = 0; i < 120; i++) {
      api.addRoute(`a-rather-long-websocket-route-key-number-${i}`, { integration });
    }

    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('20480-byte limit'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].entry.data).not.toContain('scopePermissionToRoute');
    expect(warnings[0].entry.data).toContain('Spread its WebSocket routes or authorizers over more functions.');
  });
});
