import { Resource } from 'aws-cdk-lib';
import { CfnRoute, CfnRouteResponse } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { throwInvalid } from '../private/invalid';
import type { IWebSocketModel } from './model';
import type { IWebSocketRoute } from './route';
import { claimRouteResponse, DEFAULT_ROUTE_RESPONSE_KEY } from './route-response-rules';

/**
 * Options of a route response, as given to `WebSocketRoute.addRouteResponse()`.
 */
export interface WebSocketRouteResponseOptions {
  /**
   * The route response key. API Gateway supports only `$default`.
   *
   * @default '$default'
   */
  readonly routeResponseKey?: string;

  /**
   * Models the reply must match, keyed by what `modelSelectionExpression` yields.
   *
   * @default - the reply is not described by a model
   */
  readonly responseModels?: { [key: string]: IWebSocketModel };

  /**
   * Picks the key of `responseModels`.
   *
   * @default - none
   */
  readonly modelSelectionExpression?: string;
}

/**
 * Properties of a WebSocketRouteResponse.
 */
export interface WebSocketRouteResponseProps extends WebSocketRouteResponseOptions {
  /**
   * The route that sends the response.
   */
  readonly route: IWebSocketRoute;
}

/**
 * An `AWS::ApiGatewayV2::RouteResponse`: makes a route two-way, so the integration's answer (after its integration
 * response, for MOCK, HTTP and AWS integrations) is sent to the client. `returnResponse: true` on a route creates
 * one; create it yourself to attach response models, or on a route made elsewhere.
 *
 * @resource AWS::ApiGatewayV2::RouteResponse
 */
export class WebSocketRouteResponse extends Resource {
  /**
   * Id of the route response.
   *
   * @attribute
   */
  public readonly routeResponseId: string;

  constructor(scope: Construct, id: string, props: WebSocketRouteResponseProps) {
    super(scope, id);
    const key = props.routeResponseKey ?? DEFAULT_ROUTE_RESPONSE_KEY;
    if (key !== DEFAULT_ROUTE_RESPONSE_KEY) {
      throwInvalid(this, { subject: 'WebSocketRouteResponse', prop: 'routeResponseKey', rule: "must be '$default', the only route response key API Gateway supports", value: key });
    }
    claimRouteResponse(this, props.route);
    const route = props.route.node.defaultChild;
    // The route sends responses only with a route response selection expression, `$default` too.
    if (route instanceof CfnRoute) {
      route.routeResponseSelectionExpression = DEFAULT_ROUTE_RESPONSE_KEY;
    }
    let responseModels: Record<string, string> | undefined;
    if (props.responseModels !== undefined) {
      responseModels = {};
      for (const [modelKey, model] of Object.entries(props.responseModels)) {
        responseModels[modelKey] = model.modelName;
        this.node.addDependency(model);
      }
    }
    const resource = new CfnRouteResponse(this, 'Resource', {
      apiId: props.route.webSocketApi.apiId,
      routeId: props.route.routeId,
      routeResponseKey: key,
      responseModels,
      modelSelectionExpression: props.modelSelectionExpression,
    });
    this.routeResponseId = resource.ref;
  }
}
