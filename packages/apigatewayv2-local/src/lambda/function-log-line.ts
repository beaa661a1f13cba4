/** One line a function wrote to stdout or stderr, tagged with the function it came from. */
export interface FunctionLogLine {
  /** The function's `FunctionName` (`FunctionModel.functionName`). */
  readonly functionName: string;
  /** The function's logical id in its stack, shorter than a generated function name. */
  readonly logicalId: string;
  readonly stream: 'stdout' | 'stderr';
  /** The text without its line break. */
  readonly line: string;
}

/** The default log sink: each line prefixed with `[functionName]`, on the stream the function used. */
export function printFunctionLogLine(log: FunctionLogLine): void {
  const target = log.stream === 'stderr' ? process.stderr : process.stdout;
  target.write(`[${log.functionName}] ${log.line}\n`);
}
