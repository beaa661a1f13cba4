import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineTimer } from './deadline-timer.js';

describe('DeadlineTimer', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('fires at the earliest deadline, again at the next one, and is brought forward by an earlier one', () => {
    const deadlines = [500, 200];
    const fired: number[] = [];
    const timer = new DeadlineTimer(
      () => (deadlines.length === 0 ? undefined : Math.min(...deadlines)),
      () => {
        fired.push(Date.now());
        for (let i = deadlines.length - 1; i >= 0; i--) if ((deadlines[i] ?? 0) <= Date.now()) deadlines.splice(i, 1);
      },
      () => Date.now(),
    );
    timer.schedule();
    vi.advanceTimersByTime(199);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([200]);
    deadlines.push(300);
    timer.schedule();
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual([200, 300, 500]);
    timer.stop();
  });
});
