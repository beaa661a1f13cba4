/**
 * One timer for many deadlines: it fires at the earliest one `next()` gives, runs `expire()`, and waits for
 * the next. `schedule()` after anything that may bring a deadline forward (a new connection); deadlines that
 * move later need nothing (the timer fires, finds nothing due, and waits again).
 */
export class DeadlineTimer {
  private timer: NodeJS.Timeout | undefined;
  private firesAt: number | undefined;

  constructor(
    private readonly next: () => number | undefined,
    private readonly expire: () => void,
    private readonly now: () => number,
  ) {}

  schedule(): void {
    const at = this.next();
    if (at === undefined || (this.firesAt !== undefined && this.firesAt <= at)) return;
    clearTimeout(this.timer);
    this.firesAt = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - this.now())).unref();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firesAt = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    this.firesAt = undefined;
    this.expire();
    this.schedule();
  }
}
