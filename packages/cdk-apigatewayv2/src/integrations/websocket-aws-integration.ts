import * as iam from 'aws-cdk-lib/aws-iam';
import {
  IWebSocketRouteIntegration,
  WebSocketIntegrationRequestOptions,
  WebSocketIntegrationType,
  WebSocketRouteIntegrationBindOptions,
  WebSocketRouteIntegrationConfig,
} from '../websocket';
import { webSocketRequestOptions } from './private/websocket-request-options';

/**
 * Properties of a WebSocketAwsIntegration.
 */
export interface WebSocketAwsIntegrationProps extends WebSocketIntegrationRequestOptions {
  /**
   * The AWS service action, e.g. `arn:aws:apigateway:{region}:sqs:path/{account}/{queue}` or
   * `arn:aws:apigateway:{region}:dynamodb:action/PutItem`.
   */
  readonly integrationUri: string;

  /**
   * The HTTP method of the service request, e.g. `POST`.
   */
  readonly integrationMethod: string;

  /**
   * The role API Gateway assumes to call the service.
   *
   * @default - none
   */
  readonly credentialsRole?: iam.IRole;
}

/**
 * Sends a WebSocket route's messages to an AWS service action (`AWS` integration), e.g. SQS `SendMessage`.
 */
export class WebSocketAwsIntegration implements IWebSocketRouteIntegration {
  private readonly props: WebSocketAwsIntegrationProps;

  constructor(props: WebSocketAwsIntegrationProps) {
    this.props = props;
  }

  public bind(_options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    return {
      type: WebSocketIntegrationType.AWS,
      uri: this.props.integrationUri,
      method: this.props.integrationMethod,
      credentialsRole: this.props.credentialsRole,
      ...webSocketRequestOptions(this.props),
    };
  }
}
