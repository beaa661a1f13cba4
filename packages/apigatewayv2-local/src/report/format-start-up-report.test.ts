import { describe, expect, test } from 'vitest';
import { handlerFunction, route } from '../http/http-test-fixtures.js';
import { webSocketApi } from '../websocket/websocket-test-fixtures.js';
import { formatStartUpReport } from './format-start-up-report.js';

const context = { resolveFunction: () => handlerFunction, backends: new Map<string, string>() };

describe('formatStartUpReport', () => {
  test('shows how each WebSocket route is authorized, as for HTTP routes', () => {
    const api = webSocketApi([route('$connect', 'Integ', { authorizationType: 'AWS_IAM' }), route('$default', 'Integ')]);
    const info = { stackName: api.ref.stackName, logicalId: api.ref.logicalId, name: api.name, protocol: api.protocol, url: 'ws://127.0.0.1:3001', stages: [] };
    const text = formatStartUpReport({ apis: [{ model: api, info }], diagnostics: [], warnings: [] }, context).join('\n');
    expect(text).toMatch(/route\s+\$connect\s+→ Lambda \S+ \(payload 1\.0\)\s+\[AWS_IAM \(SigV4, local credentials\)\]/);
    expect(text).toMatch(/route\s+\$default\s+→ Lambda \S+ \(payload 1\.0\)\s+\[open\]/);
  });
});
