/**
 * How long the running invocation may run before the invocations queued behind it are taken back
 * (`withdraw`), so that they wait for whichever environment is free first instead of for this one:
 * invocations are queued in an environment only for quick functions, and one that runs this long is
 * not quick.
 */
export const QUEUE_PATIENCE_MS = 20;

/** An invocation as the timers see it. */
export interface TimedInvocation {
  readonly timeoutMs: number;
}

export interface InvocationTimersOptions {
  /** The invocation running now, if the environment is alive and runs one. */
  readonly running: () => TimedInvocation | undefined;
  /** When it started (`Date.now()`). */
  readonly runningSince: () => number;
  /** How many invocations wait behind it. */
  readonly waiting: () => number;
  /** The running invocation reached its timeout. */
  readonly onTimeout: (running: TimedInvocation) => void;
  /** It ran `QUEUE_PATIENCE_MS` with others waiting behind it. */
  readonly onImpatient: () => void;
}

/**
 * The timers of one environment: one fires by the running invocation's timeout, one by its patience when
 * others wait behind it. They stay armed from one invocation to the next (a quick one ends long before
 * either): when one fires, it looks at the invocation running then and sets itself again for that one. So
 * there is no timer per invocation, only two per environment.
 */
export class InvocationTimers {
  private timeoutTimer?: NodeJS.Timeout;
  private timeoutAt = Infinity;
  private patienceTimer?: NodeJS.Timeout;

  constructor(private readonly options: InvocationTimersOptions) {}

  /** Makes sure the timeout timer fires by `at`. */
  armTimeout(at: number): void {
    if (this.timeoutTimer !== undefined && this.timeoutAt <= at) return;
    clearTimeout(this.timeoutTimer);
    this.timeoutAt = at;
    this.timeoutTimer = setTimeout(this.checkTimeout, Math.max(0, at - Date.now())).unref();
  }

  armPatience(): void {
    this.patienceTimer ??= setTimeout(this.checkPatience, Math.max(0, this.options.runningSince() + QUEUE_PATIENCE_MS - Date.now())).unref();
  }

  clear(): void {
    clearTimeout(this.timeoutTimer);
    clearTimeout(this.patienceTimer);
    this.timeoutTimer = undefined;
    this.timeoutAt = Infinity;
    this.patienceTimer = undefined;
  }

  private readonly checkTimeout = (): void => {
    this.timeoutTimer = undefined;
    this.timeoutAt = Infinity;
    const running = this.options.running();
    if (running === undefined) return;
    const at = this.options.runningSince() + running.timeoutMs;
    if (Date.now() >= at) this.options.onTimeout(running);
    else this.armTimeout(at);
  };

  private readonly checkPatience = (): void => {
    this.patienceTimer = undefined;
    if (this.options.waiting() < 1 || this.options.running() === undefined) return;
    if (Date.now() < this.options.runningSince() + QUEUE_PATIENCE_MS) this.armPatience();
    else this.options.onImpatient();
  };
}
