/**
 * V8 heap limits for a function's memory size, split the way Lambda's Node.js bootstrap splits it:
 * a tenth for the young generation (half of that per semi-space) and the rest for the old generation.
 * The process can still use somewhat more than `memoryMb` (code, buffers outside the heap): the local
 * limit is on the JavaScript heap only, not a cgroup limit as in Lambda.
 */
export function memoryArguments(memoryMb: number): string[] {
  const youngMb = Math.floor(memoryMb / 10);
  const semiSpaceMb = Math.max(1, Math.floor(youngMb / 2));
  const oldSpaceMb = Math.max(16, memoryMb - youngMb);
  return [`--max-semi-space-size=${semiSpaceMb}`, `--max-old-space-size=${oldSpaceMb}`];
}
