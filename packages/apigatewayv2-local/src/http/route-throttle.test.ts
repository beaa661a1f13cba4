import { describe, expect, it } from 'vitest';
import { stage } from './http-test-fixtures.js';
import { RouteThrottle, throttleLimits } from './route-throttle.js';

function clock(start = 0) {
  let nowMs = start;
  return { now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
}

describe('RouteThrottle', () => {
  it('lets a full burst through, then refuses until the rate refills a token', () => {
    const time = clock();
    const throttle = new RouteThrottle(time.now);
    const limits = { rateLimit: 2, burstLimit: 3 };
    expect([1, 2, 3, 4].map(() => throttle.take('$default', 'GET /a', limits))).toEqual([true, true, true, false]);
    time.advance(499);
    expect(throttle.take('$default', 'GET /a', limits)).toBe(false);
    time.advance(1);
    expect(throttle.take('$default', 'GET /a', limits)).toBe(true);
    expect(throttle.take('$default', 'GET /a', limits)).toBe(false);
  });

  it('never holds more than the burst limit, however long it waited', () => {
    const time = clock();
    const throttle = new RouteThrottle(time.now);
    const limits = { rateLimit: 100, burstLimit: 2 };
    time.advance(60_000);
    expect([1, 2, 3].map(() => throttle.take('s', 'r', limits))).toEqual([true, true, false]);
  });

  it('keeps one bucket per stage and route key', () => {
    const throttle = new RouteThrottle(clock().now);
    const limits = { rateLimit: 1, burstLimit: 1 };
    expect(throttle.take('s', 'GET /a', limits)).toBe(true);
    expect(throttle.take('s', 'GET /b', limits)).toBe(true);
    expect(throttle.take('t', 'GET /a', limits)).toBe(true);
    expect(throttle.take('s', 'GET /a', limits)).toBe(false);
  });

  it('refuses everything with a burst limit of 0', () => {
    const throttle = new RouteThrottle(clock().now);
    expect(throttle.take('s', 'r', { rateLimit: 10, burstLimit: 0 })).toBe(false);
    expect(throttle.take('s', 'r', { burstLimit: 0 })).toBe(false);
  });

  it('sizes the bucket to one second of the rate when only a rate is set', () => {
    const throttle = new RouteThrottle(clock().now);
    expect([1, 2, 3].map(() => throttle.take('s', 'r', { rateLimit: 2 }))).toEqual([true, true, false]);
  });
});

describe('throttleLimits', () => {
  it('takes the route setting over the stage default, limit by limit', () => {
    const limited = {
      ...stage('$default'),
      defaultRouteSettings: { throttlingRateLimit: 10, throttlingBurstLimit: 20 },
      routeSettings: { 'GET /a': { throttlingBurstLimit: 1 } },
    };
    expect(throttleLimits(limited, 'GET /a')).toEqual({ rateLimit: 10, burstLimit: 1 });
    expect(throttleLimits(limited, 'GET /b')).toEqual({ rateLimit: 10, burstLimit: 20 });
  });

  it('gives no limits when neither the stage nor the route sets any', () => {
    expect(throttleLimits(stage('$default'), 'GET /a')).toBeUndefined();
  });
});
