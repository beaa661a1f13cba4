import { describe, expect, it } from 'vitest';
import { accessLogWarnings, renderAccessLog, unknownAccessLogVariables } from './access-log.js';
import { FakeInvoker, deps, httpApi, request, returns, route, stage } from './http-test-fixtures.js';
import { handleHttpRequest } from './handle-http-request.js';

const JSON_FORMAT =
  '{"requestId":"$context.requestId","status":"$context.status","routeKey":"$context.routeKey","integrationLatency":"$context.integrationLatency",' +
  '"integrationStatus":"$context.integrationStatus","length":"$context.responseLength","ip":"$context.identity.sourceIp","error":"$context.error.message"}';

const logged = (format: string) => ({ ...stage('$default'), accessLog: { format } });

describe('renderAccessLog', () => {
  it('replaces each $context variable and renders a missing value as -', () => {
    const line = renderAccessLog('$context.status $context.integrationLatency $context.requestId $context.identity.caller', { status: 200, responseLength: 2, responseLatencyMs: 5 }, (name) =>
      name === 'requestId' ? 'abc=' : undefined,
    );
    expect(line).toBe('200 - abc= -');
  });
});

describe('unknownAccessLogVariables', () => {
  it('names variables HTTP API access logs do not have, and accepts authorizer values', () => {
    expect(unknownAccessLogVariables('$context.requestId $context.nope $context.authorizer.claims.sub $context.wrong.thing')).toEqual(['nope', 'wrong.thing']);
  });

  it('is reported at start-up by the stage logical id', () => {
    const api = httpApi({ routes: [], stages: [logged('$context.requestId $context.bogus')] });
    expect(accessLogWarnings(api).map((w) => w.message)).toEqual(['stage $default: the access log format uses unknown variables $context.bogus; they log as -']);
  });
});

describe('handleHttpRequest: access logs', () => {
  it("writes the stage's format with the integration's status and latency", async () => {
    let nowMs = 1584039838000;
    const invoker = new FakeInvoker(() => {
      nowMs += 12;
      return returns({ statusCode: 201, body: 'hi' });
    });
    const api = httpApi({ routes: [route('GET /pets')], stages: [logged(JSON_FORMAT)] });
    const response = await handleHttpRequest(api, request('GET', '/pets'), deps({ invoker, now: () => nowMs }));
    expect(JSON.parse(response.accessLog?.line ?? '')).toEqual({
      requestId: 'Mc7UVioPPHcEKPA=',
      status: '201',
      routeKey: 'GET /pets',
      integrationLatency: '12',
      integrationStatus: '200',
      length: '2',
      ip: request('GET', '/').sourceIp,
      error: '-',
    });
    expect(response.accessLog?.stage).toBe(stage('$default').ref.logicalId);
  });

  it('logs a gateway error with its message and - for the integration when no route matched', async () => {
    const api = httpApi({ routes: [route('GET /pets')], stages: [logged(JSON_FORMAT.replace('"$context.error.message"', '$context.error.messageString'))] });
    const response = await handleHttpRequest(api, request('GET', '/cats'), deps());
    expect(JSON.parse(response.accessLog?.line ?? '')).toMatchObject({ status: '404', routeKey: '-', integrationLatency: '-', error: 'Not Found' });
  });

  it('writes nothing for a stage without access log settings, or when no stage matched', async () => {
    expect((await handleHttpRequest(httpApi({ routes: [route('GET /pets')] }), request('GET', '/pets'), deps())).accessLog).toBeUndefined();
    const named = httpApi({ routes: [route('GET /pets')], stages: [{ ...stage('dev'), accessLog: { format: '$context.status' } }] });
    expect((await handleHttpRequest(named, request('GET', '/pets'), deps())).accessLog).toBeUndefined();
  });
});
