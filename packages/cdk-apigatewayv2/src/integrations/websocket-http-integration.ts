import { Duration, Token } from 'aws-cdk-lib';
import { throwInvalid } from '../private/invalid';
import {
  ContentHandling,
  IWebSocketRouteIntegration,
  PassthroughBehavior,
  WebSocketIntegrationResponseOptions,
  WebSocketIntegrationType,
  WebSocketRouteIntegrationBindOptions,
  WebSocketRouteIntegrationConfig,
} from '../websocket';

/**
 * Properties of a WebSocketHttpIntegration.
 */
export interface WebSocketHttpIntegrationProps {
  /**
   * The backend's URL, `http://` or `https://`.
   */
  readonly url: string;

  /**
   * The HTTP method of the request to the backend.
   *
   * @default 'POST'
   */
  readonly method?: string;

  /**
   * `true` sends each message as it is (`HTTP_PROXY`) and the backend's body back on two-way routes; `false`
   * renders the request with `requestTemplates` and the reply with `responses` (`HTTP`).
   *
   * @default true
   */
  readonly proxy?: boolean;

  /**
   * Request parameters, destination to source (`integration.request.header.X-Connection`: `context.connectionId`).
   *
   * @default - none
   */
  readonly requestParameters?: { [dest: string]: string };

  /**
   * Velocity templates that render the request (`HTTP` only), keyed by what `templateSelectionExpression` yields.
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
   * What happens to messages whose content type has no request template.
   *
   * @default - none
   */
  readonly passthroughBehavior?: PassthroughBehavior;

  /**
   * How the payload is converted between text and binary.
   *
   * @default - passed through unchanged
   */
  readonly contentHandling?: ContentHandling;

  /**
   * How long API Gateway waits for the backend: 50 milliseconds to 29 seconds.
   *
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;

  /**
   * Integration responses (`HTTP` only): what a two-way route sends back for the backend's status.
   *
   * @default - none
   */
  readonly responses?: WebSocketIntegrationResponseOptions[];
}

/**
 * Sends a WebSocket route's messages to an HTTP endpoint (`HTTP_PROXY`, or `HTTP` with templates).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-requests.html
 */
export class WebSocketHttpIntegration implements IWebSocketRouteIntegration {
  private readonly props: WebSocketHttpIntegrationProps;

  constructor(props: WebSocketHttpIntegrationProps) {
    if (props?.url === undefined) {
      throwInvalid(undefined, { subject: 'WebSocketHttpIntegration', prop: 'url', rule: 'is required', value: undefined });
    }
    // "For HTTP integrations, specify a fully-qualified URL"
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-integration.html#cfn-apigatewayv2-integration-integrationuri).
    if (!Token.isUnresolved(props.url) && !/^https?:\/\/[^/]/.test(props.url)) {
      throwInvalid(undefined, { subject: 'WebSocketHttpIntegration', prop: 'url', rule: "must be a fully-qualified 'http://' or 'https://' URL", value: props.url });
    }
    const proxy = props.proxy ?? true;
    if (proxy) {
      // Proxy integrations pass the message through: templates and integration responses belong to `HTTP`
      // (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html).
      for (const [prop, value] of [['requestTemplates', props.requestTemplates], ['responses', props.responses]] as const) {
        if (value !== undefined) {
          throwInvalid(undefined, { subject: 'WebSocketHttpIntegration', prop, rule: 'needs proxy: false (an HTTP_PROXY integration passes messages through)', got: 'proxy true' });
        }
      }
    }
    this.props = props;
  }

  public bind(_options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    return {
      type: (this.props.proxy ?? true) ? WebSocketIntegrationType.HTTP_PROXY : WebSocketIntegrationType.HTTP,
      uri: this.props.url,
      method: this.props.method ?? 'POST',
      contentHandling: this.props.contentHandling,
      requestParameters: this.props.requestParameters,
      requestTemplates: this.props.requestTemplates,
      passthroughBehavior: this.props.passthroughBehavior,
      templateSelectionExpression: this.props.templateSelectionExpression,
      timeout: this.props.timeout,
      responses: this.props.responses,
    };
  }
}
