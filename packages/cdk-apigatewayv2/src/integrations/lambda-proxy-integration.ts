import { Names, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { IHttpApi } from '../http/http-api';
import { HttpIntegrationType } from '../http/http-integration';
import { IHttpRoute } from '../http/http-route';
import { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig, IHttpRouteIntegration } from '../http/http-route-integration';
import { PayloadFormatVersion } from '../http/payload-format-version';
import { executeApiArn } from '../private/execute-api-arn';
import { grantApiGatewayInvoke } from '../private/grant-api-gateway-invoke';
import { throwInvalid } from '../private/invalid';
import { estimateExecuteApiArnBytes } from '../private/lambda-policy-budget';
import { HttpIntegrationRequestOptions } from './integration-request-options';

/**
 * Properties of a {@link LambdaProxyIntegration}.
 */
export interface LambdaProxyIntegrationProps extends HttpIntegrationRequestOptions {
  /** The function that handles the requests of the routes using this integration. */
  readonly handler: lambda.IFunction;

  /**
   * The version of the event API Gateway sends to the function, and of the response it expects.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
   * @default PayloadFormatVersion.VERSION_2_0
   */
  readonly payloadFormatVersion?: PayloadFormatVersion;

  /**
   * Whether the permission that lets API Gateway invoke the function names the route.
   *
   * `true` adds one `AWS::Lambda::Permission` per route, as @aws-cdk 1.123 did, whose source ARN allows that route's
   * path in any stage and with any method: the function can be invoked through these paths only. `false` adds one permission per API (source ARN: any stage, method and
   * path of the API), shared by all routes of that API: adding a route then adds only the route, and the
   * function's resource policy (capped at 20 KB by Lambda) stops growing with the number of routes.
   *
   * @default true
   */
  readonly scopePermissionToRoute?: boolean;
}

/** The payload versions Lambda proxy integrations accept. */
const LAMBDA_PAYLOAD_VERSIONS = [PayloadFormatVersion.VERSION_1_0.version, PayloadFormatVersion.VERSION_2_0.version];

/**
 * Sends the requests of a route to a Lambda function (an `AWS_PROXY` integration), and lets API Gateway
 * invoke the function for that route.
 */
export class LambdaProxyIntegration implements IHttpRouteIntegration {
  private readonly handler: lambda.IFunction;
  private readonly payloadFormatVersion: PayloadFormatVersion;
  private readonly scopePermissionToRoute: boolean;
  /** The handler's unique id, part of every permission's construct id; computed on first bind. */
  private handlerUid?: string;
  private readonly requestOptions: HttpIntegrationRequestOptions;

  /**
   * @param props the function and how it is invoked
   */
  constructor(props: LambdaProxyIntegrationProps) {
    this.requestOptions = { parameterMapping: props.parameterMapping, timeout: props.timeout, responseParameterMappings: props.responseParameterMappings };
    const payloadFormatVersion = props.payloadFormatVersion ?? PayloadFormatVersion.VERSION_2_0;
    if (!LAMBDA_PAYLOAD_VERSIONS.includes(payloadFormatVersion.version)) {
      throwInvalid(undefined, {
        subject: 'LambdaProxyIntegration', prop: 'payloadFormatVersion',
        rule: `must be one of ${LAMBDA_PAYLOAD_VERSIONS.join(', ')} for a Lambda proxy integration`, value: payloadFormatVersion.version,
      });
    }
    this.handler = props.handler;
    this.payloadFormatVersion = payloadFormatVersion;
    this.scopePermissionToRoute = props.scopePermissionToRoute ?? true;
  }

  /**
   * Grants API Gateway the right to invoke the function for `options.route` (or for its whole API, with
   * `scopePermissionToRoute: false`), and returns the integration configuration.
   */
  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    this.handlerUid ??= Names.nodeUniqueId(this.handler.node);
    if (this.scopePermissionToRoute) {
      this.grantForRoute(options.route, options.scope);
    } else {
      this.grantForApi(options.route.httpApi, options.scope);
    }
    return {
      type: HttpIntegrationType.LAMBDA_PROXY,
      uri: this.handler.functionArn,
      payloadFormatVersion: this.payloadFormatVersion,
      // Added after 1.123, and absent from the configuration unless given: 1.123 integrations keep their logical ids.
      parameterMapping: this.requestOptions.parameterMapping,
      timeout: this.requestOptions.timeout,
      responseParameterMappings: this.requestOptions.responseParameterMappings,
    };
  }

  /**
   * One permission per route, as @aws-cdk 1.123 adds it (so migrated permissions keep their logical ids): construct
   * id `<route's unique id>-Permission` under the binding scope; the source ARN allows any stage and any method of
   * the route's path (the `$default` route: any path). Binding the same route again adds nothing.
   */
  private grantForRoute(route: IHttpRoute, scope: Construct): void {
    const tail = `*/*${route.path ?? ''}`;
    const id = `${Names.nodeUniqueId(route.node)}-Permission`;
    // A second function bound to the same route (1.123 threw on the id clash) gets an id of its own.
    const existing = scope.node.tryFindChild(id);
    const ours = existing === undefined || (existing instanceof lambda.CfnPermission && existing.functionName === this.handler.functionArn);
    grantApiGatewayInvoke({
      handler: this.handler,
      scope,
      id: ours ? id : `${id}-${this.handlerUid}`,
      sourceArn: () => executeApiArn(route, route.httpApi.apiId, tail),
      sourceArnBytes: estimateExecuteApiArnBytes(`/${tail}`),
      routeScoped: true,
    });
  }

  /**
   * One permission per (function, API). It lives under the API when the API is in the binding stack, otherwise
   * directly under that stack, so that every route of the API finds it.
   */
  private grantForApi(api: IHttpApi, scope: Construct): void {
    const stack = Stack.of(scope);
    const underApi = Stack.of(api) === stack;
    grantApiGatewayInvoke({
      handler: this.handler,
      scope: underApi ? api : stack,
      id: underApi ? `Invoke-${this.handlerUid}` : `Invoke-${Names.nodeUniqueId(api.node)}-${this.handlerUid}`,
      sourceArn: () => api.arnForExecuteApi(),
      sourceArnBytes: estimateExecuteApiArnBytes('/*/*/*'),
    });
  }
}
