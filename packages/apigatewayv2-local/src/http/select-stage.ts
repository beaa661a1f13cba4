import type { StageModel } from '../model/index.js';

/** The stage serving a request and the path left for routing. */
export interface StageSelection {
  readonly stage: StageModel;
  /** The raw path without the `/{stage}` prefix; `/` when nothing is left. */
  readonly routingPath: string;
}

/**
 * A first path segment equal to a named stage selects that stage and is stripped from the
 * routing path; otherwise the `$default` stage serves the whole path; otherwise no stage (404)
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-stages.html).
 */
export function selectStage(stages: readonly StageModel[], rawPath: string): StageSelection | undefined {
  const end = rawPath.indexOf('/', 1);
  const first = end === -1 ? rawPath.slice(1) : rawPath.slice(1, end);
  if (first !== '' && first !== DEFAULT_STAGE) {
    const named = stages.find((s) => s.name === first);
    if (named) return { stage: named, routingPath: end === -1 ? '/' : rawPath.slice(end) };
  }
  const fallback = stages.find((s) => s.name === DEFAULT_STAGE);
  return fallback ? { stage: fallback, routingPath: rawPath === '' ? '/' : rawPath } : undefined;
}

export const DEFAULT_STAGE = '$default';
