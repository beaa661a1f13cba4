import { describe, expect, test } from 'vitest';
import { AuthorizerAnswerCache } from './authorizer-cache.js';
import { lambdaAuthorizer, testRequest, type TestRequestOptions } from './authorizer-fixtures.js';
import type { LambdaAuthorizerModel } from '../model/index.js';
import { type AuthorizerInvocation, authorizeWithLambda } from './lambda-authorizer.js';

const ARN = 'arn:aws:execute-api:us-east-1:123456789012:api1234567/prod';

/** An authorizer function stand-in: answers with `answer(event)` and counts calls. */
function harness(answer: (event: unknown) => AuthorizerInvocation) {
  let nowMs = 1_000_000;
  const calls: unknown[] = [];
  const deps = {
    cache: new AuthorizerAnswerCache(),
    now: () => nowMs,
    invokeAuthorizer: (_arn: string, event: unknown) => {
      calls.push(event);
      return Promise.resolve(answer(event));
    },
  };
  return {
    calls,
    advance: (ms: number) => {
      nowMs += ms;
    },
    run: (authorizer: LambdaAuthorizerModel, options: TestRequestOptions = {}) =>
      authorizeWithLambda(authorizer, testRequest({ headers: [['Authorization', 'token-1']], ...options }), deps),
  };
}

const answered = (value: unknown): AuthorizerInvocation => ({ kind: 'answered', payload: JSON.stringify(value) });

const allowPolicy = (resource: string | string[], context?: Record<string, unknown>) => ({
  principalId: 'user-1',
  policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: resource }] },
  ...(context ? { context } : {}),
});

describe('Lambda authorizer', () => {
  test('simple response: isAuthorized true allows with its context, false is 403', async () => {
    const h = harness((event) => answered({ isAuthorized: (event as { identityValues: string[] }).identityValues[0] === 'token-1', context: { user: 'ann', n: 1, admin: false } }));
    expect(await h.run(lambdaAuthorizer())).toEqual({
      kind: 'allowed',
      decidedBy: 'Lambda LambdaAuth',
      authorizer: { kind: 'lambda', context: { user: 'ann', n: 1, admin: false } },
    });
    expect(await h.run(lambdaAuthorizer(), { headers: [['authorization', 'token-2']] })).toMatchObject({ kind: 'denied', status: 403 });
  });

  test('simple response without context gives a null context', async () => {
    const h = harness(() => answered({ isAuthorized: true }));
    expect(await h.run(lambdaAuthorizer())).toMatchObject({ kind: 'allowed', authorizer: { kind: 'lambda', context: null } });
  });

  test('missing identity source → 401 without invoking the function', async () => {
    const h = harness(() => answered({ isAuthorized: true }));
    const authorizer = lambdaAuthorizer({ identitySource: ['$request.header.Authorization', '$request.querystring.tenant'] });
    expect(await h.run(authorizer)).toMatchObject({ kind: 'denied', status: 401 });
    expect(await h.run(authorizer, { headers: [], query: 'tenant=a' })).toMatchObject({ kind: 'denied', status: 401 });
    expect(await h.run(authorizer, { headers: [['authorization', '']], query: 'tenant=a' })).toMatchObject({ kind: 'denied', status: 401 });
    expect(h.calls).toHaveLength(0);
    expect(await h.run(authorizer, { query: 'tenant=a' })).toMatchObject({ kind: 'allowed' });
    expect(h.calls).toEqual([{ version: '2.0', identityValues: ['token-1', 'a'] }]);
  });

  test('reads context and stage variables as identity sources', async () => {
    const h = harness(() => answered(allowPolicy('*')));
    const authorizer = lambdaAuthorizer({ identitySource: ['$context.routeKey', '$stageVariables.tenant'], payloadFormatVersion: '1.0', enableSimpleResponses: false });
    expect((await h.run(authorizer, { context: { routeKey: 'GET /pets' }, stageVariables: { tenant: 't1' } })).kind).toBe('allowed');
    expect(h.calls).toEqual([{ version: '1.0', identityValues: ['GET /pets', 't1'] }]);
  });

  test('policy response: Allow on the ARN (with wildcards) allows with principalId and context', async () => {
    const h = harness(() => answered(allowPolicy(`${ARN}/GET/pets/*`, { tier: 'gold', admin: false })));
    const authorizer = lambdaAuthorizer({ payloadFormatVersion: '1.0', enableSimpleResponses: false });
    expect(await h.run(authorizer, { resourceArn: `${ARN}/GET/pets/42` })).toEqual({
      kind: 'allowed',
      decidedBy: 'Lambda LambdaAuth',
      authorizer: { kind: 'lambda', context: { tier: 'gold', admin: false }, principalId: 'user-1' },
    });
    expect(await h.run(authorizer, { resourceArn: `${ARN}/POST/pets/42` })).toMatchObject({ kind: 'denied', status: 403 });
  });

  test('policy response: an explicit Deny wins over an Allow', async () => {
    const h = harness(() =>
      answered({
        principalId: 'u',
        policyDocument: {
          Statement: [
            { Action: 'execute-api:*', Effect: 'Allow', Resource: `${ARN}/*` },
            { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: [`${ARN}/DELETE/*`] },
          ],
        },
      }),
    );
    const authorizer = lambdaAuthorizer({ payloadFormatVersion: '2.0', enableSimpleResponses: false });
    expect((await h.run(authorizer, { resourceArn: `${ARN}/GET/pets` })).kind).toBe('allowed');
    expect(await h.run(authorizer, { resourceArn: `${ARN}/DELETE/pets` })).toMatchObject({ kind: 'denied', status: 403 });
  });

  test('an answer of the wrong shape is 500 and is not cached', async () => {
    const shapes: unknown[] = [
      { isAuthorized: 'yes' },
      { isAuthorized: true, context: { nested: { no: 1 } } },
      'not an object',
      { principalId: 'u' },
      { principalId: 'u', policyDocument: { Statement: [{ Effect: 'Maybe', Action: '*', Resource: '*' }] } },
      { ...allowPolicy('*'), context: { nested: { no: 1 } } },
    ];
    for (const [i, shape] of shapes.entries()) {
      const simple = i < 3;
      const h = harness(() => answered(shape));
      const authorizer = lambdaAuthorizer({ resultTtlSeconds: 300, enableSimpleResponses: simple });
      expect(await h.run(authorizer)).toMatchObject({ kind: 'denied', status: 500 });
      await h.run(authorizer);
      expect(h.calls).toHaveLength(2);
    }
    const notJson = harness(() => ({ kind: 'answered', payload: '{' }));
    expect(await notJson.run(lambdaAuthorizer())).toMatchObject({ kind: 'denied', status: 500 });
  });

  test('a failing authorizer is 500; one failing with "Unauthorized" is 401', async () => {
    expect(await harness(() => ({ kind: 'failed', reason: 'timed out after 10000 ms' })).run(lambdaAuthorizer())).toMatchObject({ kind: 'denied', status: 500 });
    expect(await harness(() => ({ kind: 'function-error', errorMessage: 'boom' })).run(lambdaAuthorizer())).toMatchObject({ kind: 'denied', status: 500 });
    expect(await harness(() => ({ kind: 'function-error', errorMessage: 'Unauthorized' })).run(lambdaAuthorizer())).toMatchObject({ kind: 'denied', status: 401 });
  });

  test('caches answers for the TTL by identity values, one answer serving every route', async () => {
    const h = harness(() => answered(allowPolicy(`${ARN}/GET/*`)));
    const authorizer = lambdaAuthorizer({ payloadFormatVersion: '1.0', enableSimpleResponses: false, resultTtlSeconds: 60 });
    expect((await h.run(authorizer, { resourceArn: `${ARN}/GET/pets` })).kind).toBe('allowed');
    expect((await h.run(authorizer, { resourceArn: `${ARN}/GET/owners` })).kind).toBe('allowed');
    expect(await h.run(authorizer, { resourceArn: `${ARN}/POST/pets` })).toMatchObject({ kind: 'denied', status: 403 });
    expect(h.calls).toHaveLength(1);

    await h.run(authorizer, { headers: [['authorization', 'token-2']] });
    expect(h.calls).toHaveLength(2);

    h.advance(59_999);
    await h.run(authorizer);
    expect(h.calls).toHaveLength(2);
    h.advance(1);
    await h.run(authorizer);
    expect(h.calls).toHaveLength(3);
  });

  test('caches denials too, and TTL 0 never caches', async () => {
    const denying = harness(() => answered({ isAuthorized: false }));
    const cached = lambdaAuthorizer({ resultTtlSeconds: 300 });
    await denying.run(cached);
    expect(await denying.run(cached)).toMatchObject({ kind: 'denied', status: 403 });
    expect(denying.calls).toHaveLength(1);

    const h = harness(() => answered({ isAuthorized: true }));
    const uncached = lambdaAuthorizer({ resultTtlSeconds: 0 });
    await h.run(uncached);
    await h.run(uncached);
    expect(h.calls).toHaveLength(2);
  });

  test('an unreadable identity source expression fails closed with 500', async () => {
    const h = harness(() => answered({ isAuthorized: true }));
    expect(await h.run(lambdaAuthorizer({ identitySource: ['$request.body.token'] }))).toMatchObject({ kind: 'denied', status: 500 });
    expect(h.calls).toHaveLength(0);
  });
});
