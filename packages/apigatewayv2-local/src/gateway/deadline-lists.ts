/**
 * Deadlines that share a few timers: one per distinct duration. Deadlines of one duration expire in the
 * order they were set, so each duration keeps a first-in first-out list and one timer for its oldest live
 * deadline. Under load that is one timer for all the requests in flight instead of a `setTimeout` and a
 * `clearTimeout` per request; a list's timer stops as soon as the list holds no live deadline.
 */
export interface Deadline {
  readonly at: number;
  /** Cleared once the deadline fired or was settled. */
  fire: (() => void) | undefined;
  readonly list: DeadlineList;
}

/** Settled entries at the head of a list are dropped in batches of at least this many. */
const COMPACT_AFTER = 1024;

class DeadlineList {
  entries: Deadline[] = [];
  head = 0;
  live = 0;
  timer: NodeJS.Timeout | undefined;
  expiring = false;

  constructor(readonly durationMs: number) {}

  readonly expire = (): void => {
    this.timer = undefined;
    this.expiring = true;
    const now = Date.now();
    while (this.head < this.entries.length) {
      const oldest = this.entries[this.head];
      const fire = oldest.fire;
      if (fire !== undefined && oldest.at > now) break;
      this.head += 1;
      if (fire === undefined) continue;
      oldest.fire = undefined;
      this.live -= 1;
      fire();
    }
    this.expiring = false;
    if (this.live === 0) {
      this.entries = [];
      this.head = 0;
      return;
    }
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    const next = this.entries[this.head];
    this.timer = setTimeout(this.expire, Math.max(0, next.at - now));
  };
}

const lists = new Map<number, DeadlineList>();

/** Calls `fire` in `durationMs`, unless `settleDeadline` comes first. */
export function setDeadline(durationMs: number, fire: () => void): Deadline {
  let list = lists.get(durationMs);
  if (list === undefined) {
    list = new DeadlineList(durationMs);
    lists.set(durationMs, list);
  }
  const deadline: Deadline = { at: Date.now() + durationMs, fire, list };
  list.entries.push(deadline);
  list.live += 1;
  if (list.timer === undefined && !list.expiring) list.timer = setTimeout(list.expire, durationMs);
  return deadline;
}

/** Takes the deadline back; false when it fired already (or was settled before). */
export function settleDeadline(deadline: Deadline): boolean {
  if (deadline.fire === undefined) return false;
  deadline.fire = undefined;
  const { list } = deadline;
  list.live -= 1;
  if (list.live === 0 && !list.expiring) {
    clearTimeout(list.timer);
    list.timer = undefined;
    list.entries = [];
    list.head = 0;
  }
  return true;
}
