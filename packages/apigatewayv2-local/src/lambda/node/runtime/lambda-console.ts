import { format } from 'node:util';

type Level = 'INFO' | 'WARN' | 'ERROR' | 'DEBUG' | 'TRACE';

/**
 * Makes `console.*` write lines shaped like Lambda's Node.js runtime (text log format):
 * `<ISO timestamp>\t<request id>\t<LEVEL>\t<message>`. During init the request id is `undefined`, as in
 * Lambda. Warnings, errors and traces go to stderr so the gateway can tell them apart; Lambda sends every
 * stream to the same log. https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html
 */
export function patchConsole(currentRequestId: () => string | undefined): void {
  const write = (stream: NodeJS.WriteStream, level: Level, args: unknown[]): void => {
    stream.write(`${new Date().toISOString()}\t${currentRequestId() ?? 'undefined'}\t${level}\t${format(...args)}\n`);
  };
  console.log = (...args: unknown[]) => write(process.stdout, 'INFO', args);
  console.info = (...args: unknown[]) => write(process.stdout, 'INFO', args);
  console.debug = (...args: unknown[]) => write(process.stdout, 'DEBUG', args);
  console.warn = (...args: unknown[]) => write(process.stderr, 'WARN', args);
  console.error = (...args: unknown[]) => write(process.stderr, 'ERROR', args);
  console.trace = (...args: unknown[]) => {
    const stack = (new Error().stack ?? '').split('\n').slice(2).join('\n');
    write(process.stderr, 'TRACE', [`Trace: ${format(...args)}\n${stack}`]);
  };
}
