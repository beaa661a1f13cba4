import { describe, expect, test } from 'vitest';
import { handlerFunction, httpApi, lambdaIntegration, route, stage, STACK } from '../http/http-test-fixtures.js';
import type { ApiModel } from '../model/index.js';
import { formatReloadSummary } from './format-reload-summary.js';
import type { GatewayApiInfo } from '../app/gateway.js';

const context = { resolveFunction: () => handlerFunction, backends: new Map<string, string>() };
const info = (api: ApiModel): GatewayApiInfo => ({
  stackName: api.ref.stackName,
  logicalId: api.ref.logicalId,
  name: api.name,
  protocol: api.protocol,
  url: 'http://127.0.0.1:3000',
  stages: api.stages.map((s) => ({ name: s.name, url: s.name === '$default' ? 'http://127.0.0.1:3000' : `http://127.0.0.1:3000/${s.name}` })),
});
const integrations = [lambdaIntegration({ integrationId: 'a' }), lambdaIntegration({ integrationId: 'b', payloadFormatVersion: '1.0' })];

describe('formatReloadSummary', () => {
  const before = httpApi({ routes: [route('GET /books', 'a'), route('DELETE /books', 'a')], integrations, stages: [stage('$default'), stage('beta')] });

  test('lists routes added, removed and changed (integration or authorization), and stages added and removed', () => {
    const after = httpApi({
      routes: [route('GET /books', 'b'), route('POST /books', 'a', { authorizationType: 'AWS_IAM' })],
      integrations,
      stages: [stage('$default'), stage('prod')],
    });
    const lines = formatReloadSummary(
      {
        apis: [{ model: after, info: info(after) }],
        previous: new Map([[`${STACK}/${after.ref.logicalId}`, before]]),
        added: [],
        removed: [],
        restartedFunctions: ['BooksFn'],
        closedConnections: 0,
        diagnostics: [],
        warnings: [{ stackName: STACK, logicalId: 'Fn', message: 'function fn: runtime java21 does not run locally' }],
      },
      context,
    );
    expect(lines).toEqual([
      'apigw-local: reloaded',
      `  ${STACK}/${after.ref.logicalId}: + stage prod http://127.0.0.1:3000/prod, - stage beta, - DELETE /books, ` +
        '~ GET /books → Lambda Handler (payload 1.0) [open], + POST /books → Lambda Handler (payload 2.0) [AWS_IAM (SigV4, local credentials)]',
      '  functions restarted (code or settings changed): BooksFn',
      `  warning ${STACK}/Fn: function fn: runtime java21 does not run locally`,
    ]);
  });

  test('counts the WebSocket connections closed with their stage', () => {
    const lines = formatReloadSummary(
      { apis: [], previous: new Map(), added: [], removed: [], restartedFunctions: [], closedConnections: 2, diagnostics: [], warnings: [] },
      context,
    );
    expect(lines).toEqual(['apigw-local: reloaded', '  WebSocket connections closed (their stage is gone): 2']);
  });
});
