import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ChildMessage, ParentMessage } from './environment-messages.js';
import { forEachLine } from './node/runtime/line-splitter.js';

/** How the gateway talks to one environment process: the same messages whatever the runtime. */
export interface ProcessChannel {
  /** Sends one message; throws when the event cannot be serialized. */
  send(message: ParentMessage): void;
  onMessage(listener: (message: ChildMessage) => void): void;
}

/**
 * JSON lines on two extra file descriptors (a result's payload on a line of its own, see
 * `environment-messages.ts`): the child reads messages from fd 3 and writes its own to fd 4,
 * so a runtime in any language can take part while its stdout and stderr stay the function's output.
 * Messages sent in one turn of the event loop leave in one write, after the turn's I/O is handled: under
 * load the gateway wakes an environment once for several invocations instead of once for each.
 */
export function jsonLinesChannel(child: ChildProcess): ProcessChannel {
  const toChild = child.stdio[3] as Writable | null | undefined;
  const fromChild = child.stdio[4] as Readable | null | undefined;
  if (!toChild || !fromChild) throw new Error('jsonLinesChannel needs a child spawned with pipes on fds 3 and 4');
  // The child may die with a message in flight; its exit is reported by the environment, not here.
  toChild.on('error', () => {});
  // Each message and its line break, joined once when written (an event is about 1 kB: no copies on the way).
  let batch: string[] = [];
  const flush = (): void => {
    const lines = batch;
    batch = [];
    toChild.write(lines.join(''));
  };
  return {
    send: (message) => {
      const json = JSON.stringify(message);
      if (batch.length === 0) setImmediate(flush);
      batch.push(json, '\n');
    },
    onMessage: (listener) => {
      // A result's payload is the line after its message (see environment-messages.ts).
      let result: { readonly requestId: string } | undefined;
      forEachLine(fromChild, (line, terminated) => {
        if (result !== undefined) {
          // A payload cut short by the child's death is no result: its exit is reported instead.
          if (terminated) listener({ type: 'result', requestId: result.requestId, payload: line });
          result = undefined;
          return;
        }
        const message = parseJson(line);
        if (isResultHeader(message)) result = message;
        else if (isChildMessage(message)) listener(message);
      });
    },
  };
}

/** A result's message, its payload still to come. */
function isResultHeader(value: unknown): value is { readonly type: 'result'; readonly requestId: string } {
  return (
    typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'result' &&
    typeof (value as { requestId?: unknown }).requestId === 'string' && !('payload' in value)
  );
}

const CHILD_MESSAGE_TYPES: ReadonlySet<string> = new Set<ChildMessage['type']>(['ready', 'init-error', 'withdrawn', 'error', 'crash']);

/** The boundary check for what a child sends: an object with a known `type` (fields are the runtime's own); results come as `isResultHeader`. */
function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === 'object' && value !== null && CHILD_MESSAGE_TYPES.has((value as { type?: unknown }).type as string);
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
