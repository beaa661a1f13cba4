import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { withTimeout } from './with-timeout.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test('settles with the work when it finishes first, and stops the timer', async () => {
  const onTimeout = vi.fn();
  const timed = withTimeout(Promise.resolve(42), 1000, onTimeout);
  expect(await timed).toEqual({ kind: 'done', value: 42 });
  await vi.advanceTimersByTimeAsync(2000);
  expect(onTimeout).not.toHaveBeenCalled();
  expect(vi.getTimerCount()).toBe(0);
});

test('settles as timed out at the deadline, calls onTimeout once, and ignores the late result', async () => {
  const onTimeout = vi.fn();
  let finish: (value: number) => void = () => {};
  const timed = withTimeout(new Promise<number>((resolve) => (finish = resolve)), 1000, onTimeout);
  await vi.advanceTimersByTimeAsync(999);
  expect(onTimeout).not.toHaveBeenCalled();
  await vi.advanceTimersByTimeAsync(1);
  expect(await timed).toEqual({ kind: 'timed-out' });
  finish(1);
  expect(onTimeout).toHaveBeenCalledTimes(1);
});

test('passes on a failure of the work, and swallows one that comes after the deadline', async () => {
  await expect(withTimeout(Promise.reject(new Error('boom')), 1000)).rejects.toThrow('boom');
  let fail: (error: Error) => void = () => {};
  const late = withTimeout(new Promise<number>((_, reject) => (fail = reject)), 10);
  await vi.advanceTimersByTimeAsync(10);
  expect(await late).toEqual({ kind: 'timed-out' });
  // No unhandled rejection: vitest fails the run if one escapes.
  fail(new Error('too late'));
  await vi.advanceTimersByTimeAsync(0);
});

test('many pending deadlines of one duration share one timer, and each expires at its own time', async () => {
  const finishers: ((value: number) => void)[] = [];
  const pending = (): Promise<number> => new Promise<number>((resolve) => finishers.push(resolve));
  const first = withTimeout(pending(), 100);
  await vi.advanceTimersByTimeAsync(40);
  const second = withTimeout(pending(), 100);
  const third = withTimeout(pending(), 100);
  expect(vi.getTimerCount()).toBe(1);
  finishers[2]?.(3);
  expect(await third).toEqual({ kind: 'done', value: 3 });
  await vi.advanceTimersByTimeAsync(60);
  expect(await first).toEqual({ kind: 'timed-out' });
  let secondSettled = false;
  void second.then(() => (secondSettled = true));
  await vi.advanceTimersByTimeAsync(39);
  expect(secondSettled).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(await second).toEqual({ kind: 'timed-out' });
  expect(vi.getTimerCount()).toBe(0);
});
