import { Duration, Resource } from 'aws-cdk-lib';
import { CfnIntegration } from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { IIntegration } from '../common/integration';
import { throwInvalid } from '../private/invalid';
import type { IWebSocketApi } from './api';
import { WebSocketIntegrationResponse, WebSocketIntegrationResponseOptions } from './integration-response';
import type { IWebSocketRoute } from './route';

/**
 * Integration types supported by WebSocket routes.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-requests.html
 */
export enum WebSocketIntegrationType {
  /**
   * Lambda proxy integration: the function receives the WebSocket event and, on two-way routes,
   * its result is sent back to the client.
   */
  AWS_PROXY = 'AWS_PROXY',

  /**
   * API Gateway answers by itself: the request template renders `{"statusCode": …}` and the integration
   * response for that status renders the reply.
   */
  MOCK = 'MOCK',

  /**
   * An AWS service action (e.g. SQS `SendMessage`), with request templates and integration responses.
   */
  AWS = 'AWS',

  /**
   * An HTTP endpoint, with request templates and integration responses.
   */
  HTTP = 'HTTP',

  /**
   * An HTTP endpoint that receives the message as it is; its response is sent back on two-way routes.
   */
  HTTP_PROXY = 'HTTP_PROXY',
}

/**
 * How API Gateway converts a payload between text and binary (`ContentHandlingStrategy`).
 */
export enum ContentHandling {
  /** Converts a base64-encoded string to a binary blob. */
  CONVERT_TO_BINARY = 'CONVERT_TO_BINARY',
  /** Converts a binary blob to a base64-encoded string. */
  CONVERT_TO_TEXT = 'CONVERT_TO_TEXT',
}

/**
 * What API Gateway does with a message whose content type has no request template.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/integration-passthrough-behaviors.html
 */
export enum PassthroughBehavior {
  /** Unmapped content types pass through to the backend unchanged. */
  WHEN_NO_MATCH = 'WHEN_NO_MATCH',
  /** Unmapped content types are refused (415 Unsupported Media Type). */
  NEVER = 'NEVER',
  /** Passes through only when the integration has no request templates at all. */
  WHEN_NO_TEMPLATES = 'WHEN_NO_TEMPLATES',
}

/**
 * An integration resource of a WebSocket API.
 */
export interface IWebSocketIntegration extends IIntegration {
  /**
   * The API the integration belongs to.
   */
  readonly webSocketApi: IWebSocketApi;
}

/**
 * Request and response settings that every non-proxy WebSocket integration (and `timeout`, every integration)
 * takes.
 */
export interface WebSocketIntegrationRequestOptions {
  /**
   * How the payload is converted between text and binary.
   *
   * @default - passed through unchanged
   */
  readonly contentHandling?: ContentHandling;

  /**
   * Request parameters sent to the backend, destination to source
   * (`integration.request.header.Content-Type`: `'application/json'`).
   *
   * @default - none
   */
  readonly requestParameters?: { [dest: string]: string };

  /**
   * Velocity templates that render the request to the backend, keyed by what `templateSelectionExpression` yields.
   *
   * @default - none
   */
  readonly requestTemplates?: { [key: string]: string };

  /**
   * Picks the key of `requestTemplates` for a message.
   *
   * @default - none
   */
  readonly templateSelectionExpression?: string;

  /**
   * How long API Gateway waits for the backend: 50 milliseconds to 29 seconds.
   *
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;

  /**
   * What happens to messages whose content type has no request template.
   *
   * @default - none
   */
  readonly passthroughBehavior?: PassthroughBehavior;

  /**
   * Integration responses: how the backend's answer becomes the reply of a two-way route.
   *
   * @default - none
   */
  readonly responses?: WebSocketIntegrationResponseOptions[];
}

/**
 * Properties of a WebSocketIntegration.
 */
export interface WebSocketIntegrationProps extends WebSocketIntegrationRequestOptions {
  /**
   * The API the integration belongs to.
   */
  readonly webSocketApi: IWebSocketApi;

  /**
   * The integration type.
   */
  readonly integrationType: WebSocketIntegrationType;

  /**
   * The integration target; for `AWS_PROXY`, the Lambda invocation URI
   * (`arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations`); for `HTTP`
   * and `HTTP_PROXY` the URL; for `AWS` the service action ARN; empty for `MOCK`.
   */
  readonly integrationUri: string;

  /**
   * The HTTP method of the request to the backend.
   *
   * @default - none
   */
  readonly integrationMethod?: string;

  /**
   * The role API Gateway assumes to call the backend.
   *
   * @default - none
   */
  readonly credentialsRole?: iam.IRole;
}

/**
 * WebSocket integrations time out after 50 ms to 29 s.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html
 */
const MIN_TIMEOUT_MS = 50;
const MAX_TIMEOUT_MS = 29_000;

/**
 * An `AWS::ApiGatewayV2::Integration` of a WebSocket API.
 *
 * Routes create these for you, one per distinct configuration per API; create one yourself only to manage it
 * outside of a route.
 *
 * @resource AWS::ApiGatewayV2::Integration
 */
export class WebSocketIntegration extends Resource implements IWebSocketIntegration {
  /**
   * Id of the integration.
   *
   * @attribute
   */
  public readonly integrationId: string;

  /**
   * The API the integration belongs to.
   */
  public readonly webSocketApi: IWebSocketApi;

  constructor(scope: Construct, id: string, props: WebSocketIntegrationProps) {
    super(scope, id);
    const timeout = props.timeout;
    if (timeout !== undefined && !timeout.isUnresolved()) {
      const ms = timeout.toMilliseconds();
      if (ms < MIN_TIMEOUT_MS || ms > MAX_TIMEOUT_MS) {
        throwInvalid(this, {
          legacyMessage: 'Integration timeout must be between 50 milliseconds and 29 seconds.',
          subject: 'WebSocketIntegration',
          prop: 'timeout',
          rule: 'must be between 50 milliseconds and 29 seconds',
          value: timeout,
        });
      }
    }
    this.webSocketApi = props.webSocketApi;
    // Keys in the order @aws-cdk 1.123 wrote them for Lambda integrations; the others are absent unless set.
    const resource = new CfnIntegration(this, 'Resource', {
      apiId: props.webSocketApi.apiId,
      integrationType: props.integrationType,
      integrationUri: props.integrationUri,
      integrationMethod: props.integrationMethod,
      contentHandlingStrategy: props.contentHandling,
      credentialsArn: props.credentialsRole?.roleArn,
      requestParameters: props.requestParameters,
      requestTemplates: props.requestTemplates,
      templateSelectionExpression: props.templateSelectionExpression,
      passthroughBehavior: props.passthroughBehavior,
      timeoutInMillis: timeout?.toMilliseconds(),
    });
    this.integrationId = resource.ref;
    for (const response of props.responses ?? []) {
      this.addResponse(response);
    }
  }

  /**
   * Adds an integration response: for the backend statuses its key matches, how the reply is rendered.
   *
   * @param options the response key and templates
   */
  public addResponse(options: WebSocketIntegrationResponseOptions): WebSocketIntegrationResponse {
    const id = integrationResponseConstructId(options.responseKey.key);
    const existing = this.node.tryFindChild(id);
    if (existing !== undefined) {
      throwInvalid(this, {
        subject: 'WebSocketIntegration',
        prop: 'responses',
        rule: 'must have distinct response keys',
        got: `'${options.responseKey.key}' twice`,
      });
    }
    return new WebSocketIntegrationResponse(this, id, { integration: this, ...options });
  }
}

/**
 * What a route passes to `IWebSocketRouteIntegration.bind()`.
 */
export interface WebSocketRouteIntegrationBindOptions {
  /**
   * The route that binds the integration.
   */
  readonly route: IWebSocketRoute;

  /**
   * The scope for resources the integration creates for this route (e.g. a Lambda permission).
   */
  readonly scope: Construct;
}

/**
 * The integration a route binds to, as data: it becomes an `AWS::ApiGatewayV2::Integration`.
 */
export interface WebSocketRouteIntegrationConfig extends WebSocketIntegrationRequestOptions {
  /**
   * The integration type.
   */
  readonly type: WebSocketIntegrationType;

  /**
   * The integration target (for `AWS_PROXY`, the Lambda invocation URI; empty for `MOCK`).
   */
  readonly uri: string;

  /**
   * The HTTP method of the request to the backend.
   *
   * @default - no integration method
   */
  readonly method?: string;

  /**
   * The role API Gateway assumes to call the backend.
   *
   * @default - no role
   */
  readonly credentialsRole?: iam.IRole;
}

/**
 * A backend that WebSocket routes can send messages to. Implementations live in
 * `cdk-apigatewayv2/integrations`.
 *
 * Each route calls `bind()` once, so per-route side effects (such as permission to invoke a function for that
 * route) belong in `bind()`. Routes of one API that return an equal configuration share one integration
 * resource.
 */
export interface IWebSocketRouteIntegration {
  /**
   * Called by each route that uses this integration.
   */
  bind(options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig;
}

/** `$default` → `DefaultResponse`, `/2\d\d/` → `Response-2dd`: construct ids may not contain `/`. */
function integrationResponseConstructId(key: string): string {
  return key === '$default' ? 'DefaultResponse' : `Response-${key.replace(/[^A-Za-z0-9]/g, '')}`;
}
