import type { RequestFacts } from '../gateway/request-facts.js';
import type { ApiModel, StageModel } from '../model/index.js';
import type { RouteMatch } from './route-table.js';
import type { ReceivedRequest } from './types.js';

/** A request after stage and route selection: everything an integration needs to build its call. */
export interface RoutedRequest {
  readonly api: ApiModel;
  readonly request: ReceivedRequest;
  readonly stage: StageModel;
  readonly match: RouteMatch;
  /** The raw path without the stage prefix (`$request.path`, https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html). */
  readonly routingPath: string;
  /** What every event and `$context` variable reads: request id, time, domain, identity, authorizer … */
  readonly facts: RequestFacts;
  /**
   * Set by an `overwrite:path` request mapping (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html): the path an HTTP backend receives. Lambda
   * events ignore it (what AWS changes in the event is unconfirmed).
   */
  readonly pathOverride?: string;
}
