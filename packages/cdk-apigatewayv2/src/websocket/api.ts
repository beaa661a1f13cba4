import { Resource } from 'aws-cdk-lib';
import { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { IApi, IpAddressType } from '../common/api';
import { apiMetric } from '../private/api-metric';
import { throwInvalid } from '../private/invalid';
import { markWebSocketApi } from '../private/websocket-apis';
import { WebSocketApiKeySelectionExpression } from './api-key-selection-expression';
import { grantManageConnections } from './manage-connections';
import { WebSocketModel, WebSocketModelOptions } from './model';
import { WebSocketRoute, WebSocketRouteOptions } from './route';
import { throwDuplicateRouteKey, validateRouteSelectionExpression, validateWebSocketRouteKey } from './route-key-rules';

/**
 * A WebSocket API.
 */
export interface IWebSocketApi extends IApi {} // eslint-disable-line @typescript-eslint/no-empty-object-type -- jsii languages type this nominally

/**
 * Properties of a WebSocketApi.
 */
export interface WebSocketApiProps {
  /**
   * Name of the API.
   *
   * @default - the id of the WebSocketApi construct
   */
  readonly apiName?: string;

  /**
   * Description of the API.
   *
   * @default - none
   */
  readonly description?: string;

  /**
   * The IP address types that can invoke the API.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-ip-address-type.html
   * @default undefined - AWS default is IPV4
   */
  readonly ipAddressType?: IpAddressType;

  /**
   * How API Gateway picks the route of an incoming message: `$request.body.{jsonpath}` variables and static
   * text. Messages whose selected key has no route, and messages that are not JSON, go to `$default`.
   *
   * @default '$request.body.action'
   */
  readonly routeSelectionExpression?: string;

  /**
   * Where the API key of a connection is read from, for `$connect` routes with `apiKeyRequired`.
   *
   * @default - not set; API Gateway reads the `x-api-key` header
   */
  readonly apiKeySelectionExpression?: WebSocketApiKeySelectionExpression;

  /**
   * Adds a `$connect` route: runs when a client opens a connection, and can refuse it.
   *
   * @default - no '$connect' route
   */
  readonly connectRouteOptions?: WebSocketRouteOptions;

  /**
   * Adds a `$disconnect` route: runs after a connection closed.
   *
   * @default - no '$disconnect' route
   */
  readonly disconnectRouteOptions?: WebSocketRouteOptions;

  /**
   * Adds a `$default` route: receives messages that no other route matches.
   *
   * @default - no '$default' route
   */
  readonly defaultRouteOptions?: WebSocketRouteOptions;
}

/**
 * Reference to a WebSocket API created outside this construct tree.
 */
export interface WebSocketApiAttributes {
  /**
   * Id of the API.
   */
  readonly webSocketId: string;

  /**
   * The API's default endpoint, `wss://{apiId}.execute-api.{region}.amazonaws.com`.
   *
   * @default - reading `apiEndpoint` of the imported API throws
   */
  readonly apiEndpoint?: string;
}

/** What WebSocket APIs defined here and imported ones share. */
abstract class WebSocketApiBase extends Resource implements IWebSocketApi {
  public abstract readonly apiId: string;
  public abstract readonly apiEndpoint: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    markWebSocketApi(this);
  }

  /**
   * Lets `identity` send messages to, read and close connections of every stage of this API through the
   * `@connections` API (`execute-api:ManageConnections`).
   */
  public grantManageConnections(identity: iam.IGrantable): iam.Grant {
    return grantManageConnections(this, this.apiId, '*', identity);
  }

  /**
   * Returns a metric of this API (namespace `AWS/ApiGateway`, dimension `ApiId`), over all its stages.
   *
   * @param metricName e.g. `ConnectCount`, `MessageCount`, `IntegrationError`, `ClientError`, `ExecutionError`,
   * `IntegrationLatency`
   * @param props options that override the metric's defaults
   */
  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return apiMetric(this, metricName, props);
  }
}

/**
 * An `AWS::ApiGatewayV2::Api` with protocol `WEBSOCKET`: clients hold a connection open and exchange messages,
 * which routes send to integrations.
 *
 * Deploy it with a `WebSocketStage`; clients connect to the stage's `url`.
 *
 * @resource AWS::ApiGatewayV2::Api
 */
export class WebSocketApi extends WebSocketApiBase {
  /**
   * Uses a WebSocket API that exists outside this app, e.g. to add stages to it or to grant access to its
   * connections through `WebSocketStage.fromWebSocketStageAttributes`.
   */
  public static fromWebSocketApiAttributes(scope: Construct, id: string, attrs: WebSocketApiAttributes): IWebSocketApi {
    return new ImportedWebSocketApi(scope, id, attrs);
  }

  /**
   * Id of the API.
   *
   * @attribute
   */
  public readonly apiId: string;

  /**
   * The API's default endpoint, `wss://{apiId}.execute-api.{region}.amazonaws.com` (no stage).
   *
   * @attribute
   */
  public readonly apiEndpoint: string;

  /**
   * Name of the API.
   */
  public readonly webSocketApiName?: string;

  constructor(scope: Construct, id: string, props: WebSocketApiProps = {}) {
    super(scope, id);
    const routeSelectionExpression = props.routeSelectionExpression ?? '$request.body.action';
    validateRouteSelectionExpression(routeSelectionExpression);
    this.webSocketApiName = props.apiName ?? id;

    const resource = new CfnApi(this, 'Resource', {
      name: this.webSocketApiName,
      protocolType: 'WEBSOCKET',
      description: props.description,
      routeSelectionExpression,
      apiKeySelectionExpression: props.apiKeySelectionExpression?.expression,
      ipAddressType: props.ipAddressType,
    });
    this.apiId = resource.ref;
    this.apiEndpoint = resource.attrApiEndpoint;

    if (props.connectRouteOptions) {
      this.addRoute('$connect', props.connectRouteOptions);
    }
    if (props.disconnectRouteOptions) {
      this.addRoute('$disconnect', props.disconnectRouteOptions);
    }
    if (props.defaultRouteOptions) {
      this.addRoute('$default', props.defaultRouteOptions);
    }
  }

  /**
   * Adds a route.
   *
   * @param routeKey `$connect`, `$disconnect`, `$default`, or a custom key (not starting with `$`) that the
   * route selection expression yields
   * @param options the route's integration and settings
   */
  public addRoute(routeKey: string, options: WebSocketRouteOptions): WebSocketRoute {
    validateWebSocketRouteKey(routeKey);
    const id = `${routeKey}-Route`;
    const existing = this.node.tryFindChild(id);
    if (existing !== undefined) {
      throwDuplicateRouteKey(this, routeKey, existing.node.path);
    }
    return new WebSocketRoute(this, id, { webSocketApi: this, routeKey, ...options });
  }

  /**
   * Adds a model that routes can require messages to match (`requestModels`).
   *
   * @param id construct id of the model
   * @param options the schema and settings of the model
   */
  public addModel(id: string, options: WebSocketModelOptions): WebSocketModel {
    return new WebSocketModel(this, id, { webSocketApi: this, ...options });
  }
}

class ImportedWebSocketApi extends WebSocketApiBase {
  public readonly apiId: string;
  private readonly givenApiEndpoint?: string;

  constructor(scope: Construct, id: string, attrs: WebSocketApiAttributes) {
    super(scope, id);
    this.apiId = attrs.webSocketId;
    this.givenApiEndpoint = attrs.apiEndpoint;
  }

  public get apiEndpoint(): string {
    if (this.givenApiEndpoint === undefined) {
      throwInvalid(this, { legacyMessage: 'apiEndpoint is not configured on the imported WebSocketApi.', subject: 'WebSocketApi', prop: 'apiEndpoint', rule: 'of an imported API is known only when passed to WebSocketApi.fromWebSocketApiAttributes', value: undefined });
    }
    return this.givenApiEndpoint;
  }
}
