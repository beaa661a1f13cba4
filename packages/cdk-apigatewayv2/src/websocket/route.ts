import { Annotations, Resource } from 'aws-cdk-lib';
import { CfnRoute, CfnRouteResponse } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { bindIntegration } from '../common/bind-integration';
import type { IRoute } from '../common/route';
import { invalidMessage, throwInvalid } from '../private/invalid';
import { readRouteAuthorization, routeAuthorizationProps } from '../private/route-authorization';
import { claimUniqueKey } from '../private/unique-keys';
import type { IWebSocketApi } from './api';
import { IWebSocketRouteAuthorizer } from './authorizer';
import { IWebSocketRouteIntegration, WebSocketIntegration, WebSocketRouteIntegrationConfig } from './integration';
import { integrationSharingKey } from './integration-sharing-key';
import type { IWebSocketModel } from './model';
import { WebSocketRouteResponse, WebSocketRouteResponseOptions } from './route-response';
import { claimRouteResponse } from './route-response-rules';
import { CONNECT_ROUTE_KEY, throwDuplicateRouteKey, validateWebSocketRouteKey } from './route-key-rules';

/**
 * A route of a WebSocket API.
 */
export interface IWebSocketRoute extends IRoute {
  /**
   * The API the route belongs to.
   */
  readonly webSocketApi: IWebSocketApi;

  /**
   * The route key: `$connect`, `$disconnect`, `$default` or a custom key.
   */
  readonly routeKey: string;
}

/**
 * Options of a route, as given to `WebSocketApi.addRoute()` and the API's `*RouteOptions`.
 */
export interface WebSocketRouteOptions {
  /**
   * The backend that receives the route's messages.
   */
  readonly integration: IWebSocketRouteIntegration;

  /**
   * Who may connect. Only the `$connect` route can have an authorizer: it protects the whole connection.
   *
   * @default - no authorization
   */
  readonly authorizer?: IWebSocketRouteAuthorizer;

  /**
   * Whether the route requires an API key (read as the API's `apiKeySelectionExpression` says). API Gateway
   * checks it when the connection opens, so it is meant for `$connect`; aws-cdk-lib accepts it on any route.
   *
   * @default false
   */
  readonly apiKeyRequired?: boolean;

  /**
   * Makes the route two-way: the integration's result is sent back to the client as a message.
   * Adds a `$default` route response.
   *
   * @default false - one-way route; the integration's result is dropped
   */
  readonly returnResponse?: boolean;

  /**
   * Models that messages on this route must match, keyed by the value of `modelSelectionExpression`
   * (`$default` matches when no other key does).
   *
   * @default - messages are not validated
   */
  readonly requestModels?: { [selectionKey: string]: IWebSocketModel };

  /**
   * Picks the key of `requestModels` for a message, e.g. `$request.body.type`.
   *
   * @default - none; then `requestModels` may only have the `$default` key
   */
  readonly modelSelectionExpression?: string;
}

/**
 * Properties of a WebSocketRoute.
 */
export interface WebSocketRouteProps extends WebSocketRouteOptions {
  /**
   * The API the route belongs to.
   */
  readonly webSocketApi: IWebSocketApi;

  /**
   * The route key: `$connect`, `$disconnect`, `$default`, or a custom key (not starting with `$`)
   * that the API's route selection expression yields.
   */
  readonly routeKey: string;
}

/**
 * An `AWS::ApiGatewayV2::Route` of a WebSocket API, with its integration.
 *
 * @resource AWS::ApiGatewayV2::Route
 */
export class WebSocketRoute extends Resource implements IWebSocketRoute {
  /**
   * Id of the route.
   *
   * @attribute
   */
  public readonly routeId: string;

  /**
   * The API the route belongs to.
   */
  public readonly webSocketApi: IWebSocketApi;

  /**
   * The route key.
   */
  public readonly routeKey: string;

  constructor(scope: Construct, id: string, props: WebSocketRouteProps) {
    super(scope, id);
    validateWebSocketRouteKey(props.routeKey);
    const holder = claimUniqueKey({ owner: props.webSocketApi, key: `route:${props.routeKey}`, claimant: this.node.path });
    if (holder !== undefined) {
      throwDuplicateRouteKey(this, props.routeKey, holder);
    }
    if (props.routeKey !== CONNECT_ROUTE_KEY) {
      if (props.authorizer !== undefined) {
        throwInvalid(this, { subject: 'WebSocketRoute', prop: 'authorizer', rule: "is only allowed on the '$connect' route", got: `route key '${props.routeKey}'` });
      }
    }
    this.webSocketApi = props.webSocketApi;
    this.routeKey = props.routeKey;

    const config: WebSocketRouteIntegrationConfig = props.integration.bind({ route: this, scope: this });
    const integration = bindIntegration({
      api: props.webSocketApi,
      scope: this,
      kind: 'WebSocketIntegration',
      // Equal configurations share one resource; the key of a Lambda config is the {type, uri} 1.123 hashed.
      config: integrationSharingKey(config),
      create: (scope: Construct, integrationId: string) =>
        new WebSocketIntegration(scope, integrationId, {
          webSocketApi: props.webSocketApi,
          integrationType: config.type,
          integrationUri: config.uri,
          integrationMethod: config.method,
          contentHandling: config.contentHandling,
          credentialsRole: config.credentialsRole,
          requestParameters: config.requestParameters,
          requestTemplates: config.requestTemplates,
          templateSelectionExpression: config.templateSelectionExpression,
          timeout: config.timeout,
          passthroughBehavior: config.passthroughBehavior,
          responses: config.responses,
        }),
    });
    // A route without an authorizer leaves AuthorizationType out, as @aws-cdk 1.123 did.
    const authorization = props.authorizer === undefined ? undefined : readRouteAuthorization(
      props.authorizer.bind({ route: this, scope: this }),
      { protocol: 'websocket', route: this, subject: 'WebSocketRoute', propPrefix: 'authorizer ' },
    );
    const requestModels = this.modelNames(props);

    const resource = new CfnRoute(this, 'Resource', {
      apiId: props.webSocketApi.apiId,
      routeKey: props.routeKey,
      target: `integrations/${integration.integrationId}`,
      ...routeAuthorizationProps(authorization),
      apiKeyRequired: props.apiKeyRequired,
      requestModels,
      modelSelectionExpression: props.modelSelectionExpression,
      // Two-way routes: only `$default` is supported as route response key and selection expression
      // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-response.html).
      routeResponseSelectionExpression: props.returnResponse ? '$default' : undefined,
    });
    this.routeId = resource.ref;
    if (config.responses !== undefined && config.responses.length > 0) {
      // Checked once the tree is complete: addRouteResponse() may still make the route two-way.
      this.node.addValidation({ validate: () => warnResponsesOnOneWayRoute(this, resource) });
    }

    if (props.returnResponse) {
      claimRouteResponse(this, this);
      new CfnRouteResponse(this, 'Response', {
        apiId: props.webSocketApi.apiId,
        routeId: this.routeId,
        routeResponseKey: '$default',
      });
    }
  }

  /**
   * Makes the route two-way with a `$default` route response, e.g. to describe the reply with models. A route
   * created with `returnResponse: true` has one already.
   *
   * @param options the response's models
   */
  public addRouteResponse(options: WebSocketRouteResponseOptions = {}): WebSocketRouteResponse {
    return new WebSocketRouteResponse(this, 'RouteResponse', { route: this, ...options });
  }

  private modelNames(props: WebSocketRouteProps): Record<string, string> | undefined {
    const models = props.requestModels;
    if (models === undefined) {
      if (props.modelSelectionExpression !== undefined) {
        throwInvalid(this, { subject: 'WebSocketRoute', prop: 'modelSelectionExpression', rule: 'needs requestModels to select from', value: props.modelSelectionExpression });
      }
      return undefined;
    }
    const keys = Object.keys(models);
    if (keys.length === 0) {
      throwInvalid(this, { subject: 'WebSocketRoute', prop: 'requestModels', rule: 'must have at least one entry', got: '{}' });
    }
    const others = keys.filter((key) => key !== '$default');
    if (others.length > 0 && props.modelSelectionExpression === undefined) {
      throwInvalid(this, { subject: 'WebSocketRoute', prop: 'requestModels', rule: "keys other than '$default' need a modelSelectionExpression", value: others });
    }
    const names: Record<string, string> = {};
    for (const key of keys) {
      const model = models[key];
      if (model.webSocketApi !== props.webSocketApi) {
        throwInvalid(this, { subject: 'WebSocketRoute', prop: 'requestModels', rule: "must be models of the route's own API", got: `'${model.node.path}' for key '${key}'` });
      }
      names[key] = model.modelName;
      // The route refers to the model by name, not by a reference CloudFormation can follow.
      this.node.addDependency(model);
    }
    return names;
  }
}

/**
 * Integration responses render the reply of two-way routes only: on a one-way route they do nothing
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html).
 * AWS accepts it, so it is a warning the user can acknowledge.
 */
function warnResponsesOnOneWayRoute(route: WebSocketRoute, resource: CfnRoute): string[] {
  if (resource.routeResponseSelectionExpression === undefined) {
    Annotations.of(route).addWarningV2('cdk-apigatewayv2:integrationResponsesOnOneWayRoute', invalidMessage(route, {
      subject: 'WebSocketRoute', prop: 'returnResponse', rule: "must be true (or a route response added) for the integration's responses to reach the client",
      got: 'a one-way route',
    }));
  }
  return [];
}
