import type { ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { ChildMessage, ParentMessage } from './environment-messages.js';
import { forEachLine } from './line-splitter.js';

/** How the gateway talks to one environment process: the same messages whatever the transport. */
export interface ProcessChannel {
  /** Sends one message; throws when the event cannot be serialized. */
  send(message: ParentMessage): void;
  onMessage(listener: (message: ChildMessage) => void): void;
}

/** A Node.js child forked with an `ipc` stdio entry (`process.send` on its side). */
export function ipcChannel(child: ChildProcess): ProcessChannel {
  return {
    send: (message) => {
      child.send(message);
    },
    onMessage: (listener) => {
      child.on('message', listener);
    },
  };
}

/**
 * JSON lines on two extra file descriptors: the child reads messages from fd 3 and writes its own to fd 4,
 * so a runtime in any language can take part while its stdout and stderr stay the function's output.
 */
export function jsonLinesChannel(child: ChildProcess): ProcessChannel {
  const toChild = child.stdio[3] as Writable | null | undefined;
  const fromChild = child.stdio[4] as Readable | null | undefined;
  if (!toChild || !fromChild) throw new Error('jsonLinesChannel needs a child spawned with pipes on fds 3 and 4');
  // The child may die with a message in flight; its exit is reported by the environment, not here.
  toChild.on('error', () => {});
  return {
    send: (message) => {
      toChild.write(`${JSON.stringify(message)}\n`);
    },
    onMessage: (listener) => {
      forEachLine(fromChild, (line) => {
        if (line !== '') listener(JSON.parse(line) as ChildMessage);
      });
    },
  };
}
