import type { ApiModel, AuthorizerModel, IntegrationModel, RequestModelSchema, RouteModel, StageModel } from '../model/index.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An API while its child resources (routes, integrations …) are still being attached. */
export interface ApiDraft extends Omit<ApiModel, 'routes' | 'integrations' | 'authorizers' | 'stages' | 'models'> {
  readonly routes: Mutable<RouteModel>[];
  readonly integrations: Map<string, IntegrationModel>;
  readonly authorizers: Map<string, AuthorizerModel>;
  readonly stages: StageModel[];
  readonly models: Map<string, RequestModelSchema>;
}

/**
 * Default `TimeoutInMillis`: the HTTP API maximum, and WebSocket's 29 s.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 */
export function defaultIntegrationTimeoutMs(protocol: ApiModel['protocol']): number {
  return protocol === 'HTTP' ? 30_000 : 29_000;
}

/** Freezes a draft into the model's shape. */
export function finishApi(draft: ApiDraft): ApiModel {
  return {
    ...draft,
    routes: draft.routes.map((route) => ({ ...route })),
    integrations: new Map(draft.integrations),
    authorizers: new Map(draft.authorizers),
    stages: [...draft.stages],
    models: new Map(draft.models),
  };
}
