import { Duration } from 'aws-cdk-lib';
import {
  IWebSocketRouteIntegration,
  WebSocketIntegrationResponseOptions,
  WebSocketIntegrationType,
  WebSocketRouteIntegrationBindOptions,
  WebSocketRouteIntegrationConfig,
} from '../websocket';

/**
 * Properties of a WebSocketMockIntegration.
 */
export interface WebSocketMockIntegrationProps {
  /**
   * Templates that render the mock's status, `{"statusCode": 200}`, keyed by what `templateSelectionExpression`
   * yields.
   *
   * @default - none; API Gateway then answers 200
   */
  readonly requestTemplates?: { [key: string]: string };

  /**
   * Picks the key of `requestTemplates` for a message (`\$default` selects the `$default` template).
   *
   * @default - none
   */
  readonly templateSelectionExpression?: string;

  /**
   * Integration responses: what a two-way route sends back for each status the request template renders.
   *
   * @default - none; a two-way route then sends nothing back
   */
  readonly responses?: WebSocketIntegrationResponseOptions[];

  /**
   * How long API Gateway waits for the integration: 50 milliseconds to 29 seconds.
   *
   * @default Duration.seconds(29)
   */
  readonly timeout?: Duration;
}

/**
 * A route answered by API Gateway itself (`MOCK`): no backend runs. The request template renders the status and
 * the integration response for that status renders the reply.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mock-integration.html
 */
export class WebSocketMockIntegration implements IWebSocketRouteIntegration {
  private readonly props: WebSocketMockIntegrationProps;

  constructor(props: WebSocketMockIntegrationProps = {}) {
    this.props = props;
  }

  public bind(_options: WebSocketRouteIntegrationBindOptions): WebSocketRouteIntegrationConfig {
    return {
      type: WebSocketIntegrationType.MOCK,
      uri: '',
      requestTemplates: this.props.requestTemplates,
      templateSelectionExpression: this.props.templateSelectionExpression,
      timeout: this.props.timeout,
      responses: this.props.responses,
    };
  }
}
