import { Socket } from 'node:net';
import type { ChildMessage, ParentMessage } from '../../environment-messages.js';
import { forEachLine } from './line-splitter.js';

/** File descriptors the gateway opens for an environment: it writes messages to fd 3 and reads fd 4. */
const FROM_GATEWAY_FD = 3;
const TO_GATEWAY_FD = 4;

/**
 * The environment's side of `jsonLinesChannel`: one JSON message per line, a result's payload on the line
 * after its message (see `environment-messages.ts`). Function code sees no IPC
 * channel (`process.send` is undefined, as in Lambda), and its stdout and stderr stay its own output.
 */
export interface MessageChannel {
  /** Sends a message; `then` runs once it was handed to the operating system. */
  send(message: ChildMessage, then?: () => void): void;
  /** Calls `onMessage` for each message, and `onClose` once the gateway closed its end (it went away). */
  listen(onMessage: (message: ParentMessage) => void, onClose: () => void): void;
}

export function openMessageChannel(): MessageChannel {
  const output = new Socket({ fd: TO_GATEWAY_FD, readable: false, writable: true });
  // A write after the gateway went away fails; the input's end makes the environment exit then.
  output.on('error', () => {});
  return {
    send: (message, then) => {
      // A result's payload (JSON text, so without line breaks) follows on its own line, as it is.
      const text = message.type === 'result'
        ? `{"type":"result","requestId":${JSON.stringify(message.requestId)}}\n${message.payload}\n`
        : `${JSON.stringify(message)}\n`;
      output.write(text, then === undefined ? undefined : () => then());
    },
    listen: (onMessage, onClose) => {
      const input = new Socket({ fd: FROM_GATEWAY_FD, readable: true, writable: false });
      forEachLine(input, (line) => onMessage(JSON.parse(line) as ParentMessage));
      input.on('error', onClose);
      input.on('end', onClose);
    },
  };
}
