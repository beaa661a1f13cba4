import { describe, expect, it } from 'vitest';
import { ConnectionRegistry, type ConnectionChannel } from './connection-registry.js';
import { SEND_BUFFER_LIMIT_BYTES } from './limits.js';
import { stage } from '../http/http-test-fixtures.js';
import { CONNECTED_AT, webSocketApi } from './websocket-test-fixtures.js';
import type { ConnectionContext } from './types.js';

const LIMITS = { idleTimeoutMs: 1_000, maxConnectionDurationMs: 3_000 };

/** A channel that records what the registry did to it. */
function channel(buffered = 0) {
  const calls: string[] = [];
  const fake: ConnectionChannel = {
    isOpen: () => !calls.some((call) => call.startsWith('close') || call === 'terminate'),
    bufferedBytes: () => buffered,
    send: (text) => void calls.push(`send ${text}`),
    close: (code, reason) => void calls.push(`close ${code} ${reason}`),
    terminate: () => void calls.push('terminate'),
  };
  return { fake, calls };
}

function context(connectionId: string, stageName = 'dev'): ConnectionContext {
  return { connectionId, api: webSocketApi([]), stage: stage(stageName), connectedAt: CONNECTED_AT, domainName: '127.0.0.1:3001', identity: { sourceIp: '127.0.0.1', userAgent: undefined } };
}

function setUp() {
  const clock = { now: CONNECTED_AT };
  const registry = new ConnectionRegistry(LIMITS, () => clock.now);
  return { clock, registry };
}

describe('ConnectionRegistry', () => {
  it('closes a connection idle for idleTimeoutMs with 1001, not before; a message moves the deadline', () => {
    const { clock, registry } = setUp();
    const { fake, calls } = channel();
    const live = registry.add(context('A'), fake);
    expect(registry.nextDeadline()).toBe(CONNECTED_AT + 1_000);
    clock.now += 600;
    expect(live.acceptMessage(false)).toBe(true);
    expect(registry.nextDeadline()).toBe(CONNECTED_AT + 1_600);
    clock.now += 999;
    expect(registry.closeExpired()).toBe(0);
    clock.now += 1;
    expect(registry.closeExpired()).toBe(1);
    expect(calls).toEqual(['close 1001 Going away: idle timeout']);
    // A closing connection has no deadline left, and is not closed twice.
    expect(registry.nextDeadline()).toBeUndefined();
    expect(registry.closeExpired()).toBe(0);
  });

  it('closes a busy connection at maxConnectionDurationMs; sending to it counts as activity', () => {
    const { clock, registry } = setUp();
    const { fake, calls } = channel();
    const live = registry.add(context('A'), fake);
    for (let t = 0; t < 3_000; t += 500) {
      clock.now = CONNECTED_AT + t;
      expect(live.send('tick')).toBe('sent');
      expect(registry.closeExpired()).toBe(0);
    }
    clock.now = CONNECTED_AT + 3_000;
    expect(registry.nextDeadline()).toBe(CONNECTED_AT + 3_000);
    expect(registry.closeExpired()).toBe(1);
    expect(calls.at(-1)).toBe('close 1001 Going away: maximum connection duration');
  });

  it("reports the gateway's own close to $disconnect, else the client's; none when shutting down", () => {
    const { registry } = setUp();
    registry.add(context('A'), channel().fake).acceptMessage(true);
    registry.add(context('B'), channel().fake);
    expect(registry.closed('A', 1005, '')).toEqual({ code: 1003, reason: 'Binary frames are not supported' });
    expect(registry.closed('B', 1000, 'bye')).toEqual({ code: 1000, reason: 'bye' });
    expect(registry.size).toBe(0);
    const c = channel();
    registry.add(context('C'), c.fake);
    registry.terminateAll();
    expect(c.calls).toEqual(['terminate']);
    expect(registry.closed('C', 1006, '')).toBeUndefined();
  });

  it('a reload keeps connections whose stage remains (with the new stage) and closes the others without $disconnect', () => {
    const { registry } = setUp();
    const kept = registry.add(context('A', 'dev'), channel().fake);
    const gone = channel();
    registry.add(context('B', 'old'), gone.fake);
    const next = { ...webSocketApi([]), stages: [stage('dev', { color: 'red' })] };
    expect(registry.replaceApi(next)).toBe(1);
    expect(kept.context.stage.stageVariables).toEqual({ color: 'red' });
    expect(gone.calls).toEqual(['close 1001 Going away: stage removed']);
    expect(registry.closed('B', 1001, 'Going away: stage removed')).toBeUndefined();
  });

  it('answers pings while the client reads; past the send buffer limit it closes with 1008 instead', () => {
    const { registry } = setUp();
    expect(registry.add(context('A'), channel().fake).acceptPing()).toBe(true);
    const slow = channel(SEND_BUFFER_LIMIT_BYTES + 1);
    const live = registry.add(context('B'), slow.fake);
    expect(live.acceptPing()).toBe(false);
    expect(live.send('x')).toBe('gone');
    expect(slow.calls).toEqual(['close 1008 Policy violation: pongs are not read']);
  });
});
