import { appendFileSync } from 'node:fs';
import { GatewayError } from '../errors.js';
import type { GatewayHttpResponse } from '../http/types.js';
import type { LogSink } from './gateway.js';

/** Where access log lines go: a file (`--access-log`), or the terminal with the stage's logical id in front. */
export type AccessLogSink = (response: GatewayHttpResponse) => void;

export interface AccessLogSinkOptions {
  /** `--access-log <file>` / `startGateway({ accessLog })`: lines are appended to it. */
  readonly file?: string;
  /** The terminal, when no file is given. */
  readonly log: LogSink;
  /** Whether per-request lines print on the terminal (not under `-q`). */
  readonly terminal: boolean;
}

/**
 * Writes each response's access log line. A file is written synchronously, so a line is there by the time
 * its response is sent (a test can read it right after `fetch`); it is created at start-up if missing (lines
 * are appended to what it holds), and an unwritable path stops the gateway with a message naming it.
 */
export function accessLogSink(options: AccessLogSinkOptions): AccessLogSink {
  const { file } = options;
  if (file !== undefined) {
    try {
      appendFileSync(file, '');
    } catch (error) {
      throw new GatewayError('INVALID_OPTION', `accessLog file '${file}' cannot be written: ${(error as Error).message}`);
    }
    return (response) => {
      if (response.accessLog) appendFileSync(file, `${response.accessLog.line}\n`);
    };
  }
  return (response) => {
    if (response.accessLog && options.terminal) options.log(`[access ${response.accessLog.stage}] ${response.accessLog.line}`);
  };
}
