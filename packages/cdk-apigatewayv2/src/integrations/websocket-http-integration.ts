import { Token } from 'aws-cdk-lib';
import { throwInvalid } from '../private/invalid';
import {
  IWebSocketRouteIntegration,
  WebSocketIntegrationRequestOptions,
  WebSocketIntegrationType,
  WebSocketRouteIntegrationBindOptions,
  WebSocketRouteIntegrationConfig,
} from '../websocket';
import { webSocketRequestOptions } from './private/websocket-request-options';

/**
 * Properties of a WebSocketHttpIntegration.
 */
export interface WebSocketHttpIntegrationProps extends WebSocketIntegrationRequestOptions {
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
      ...webSocketRequestOptions(this.props),
    };
  }
}
