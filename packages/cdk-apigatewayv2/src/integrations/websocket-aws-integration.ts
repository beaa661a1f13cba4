import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
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
 * Properties of a WebSocketAwsIntegration.
 */
export interface WebSocketAwsIntegrationProps {
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
   * How the payload is converted between text and binary.
   *
   * @default - passed through unchanged
   */
  readonly contentHandling?: ContentHandling;

  /**
   * The role API Gateway assumes to call the service.
   *
   * @default - none
   */
  readonly credentialsRole?: iam.IRole;

  /**
   * Request parameters, destination to source (`integration.request.header.Content-Type`: `'application/json'`).
   *
   * @default - none
   */
  readonly requestParameters?: { [dest: string]: string };

  /**
   * Velocity templates that render the service request, keyed by what `templateSelectionExpression` yields.
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
   * How long API Gateway waits for the service: 50 milliseconds to 29 seconds.
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
   * Integration responses: what a two-way route sends back for the service's answer.
   *
   * @default - none
   */
  readonly responses?: WebSocketIntegrationResponseOptions[];
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
      contentHandling: this.props.contentHandling,
      credentialsRole: this.props.credentialsRole,
      requestParameters: this.props.requestParameters,
      requestTemplates: this.props.requestTemplates,
      passthroughBehavior: this.props.passthroughBehavior,
      templateSelectionExpression: this.props.templateSelectionExpression,
      timeout: this.props.timeout,
      responses: this.props.responses,
    };
  }
}
