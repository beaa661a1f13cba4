import { Resource, Token } from 'aws-cdk-lib';
import { CfnIntegrationResponse } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { throwInvalid } from '../private/invalid';
import type { ContentHandling, IWebSocketIntegration } from './integration';

/**
 * Which backend statuses an integration response serves: `$default`, or a regular expression between slashes
 * matched against the status code (`/2\d\d/`).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-integration-responses.html
 */
export class WebSocketIntegrationResponseKey {
  /** Every status that no other key of the integration matches. */
  public static readonly DEFAULT = new WebSocketIntegrationResponseKey('$default');
  /** Statuses 200 to 299. */
  public static readonly SUCCESS = new WebSocketIntegrationResponseKey('/2\\d\\d/');
  /** Statuses 400 to 499. */
  public static readonly CLIENT_ERROR = new WebSocketIntegrationResponseKey('/4\\d\\d/');
  /** Statuses 500 to 599. */
  public static readonly SERVER_ERROR = new WebSocketIntegrationResponseKey('/5\\d\\d/');

  /**
   * One status code, e.g. `200` → `/200/`.
   * @param statusCode 100 to 599
   */
  public static fromStatusCode(statusCode: number): WebSocketIntegrationResponseKey {
    if (!Token.isUnresolved(statusCode) && (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)) {
      throwInvalid(undefined, { subject: 'WebSocketIntegrationResponseKey', prop: 'statusCode', rule: 'must be an HTTP status code from 100 to 599', value: statusCode });
    }
    return new WebSocketIntegrationResponseKey(`/${statusCode}/`);
  }

  /**
   * A regular expression over the status code, e.g. `4\d\d` → `/4\d\d/` (the name aws-cdk's later releases use).
   * @param statusRegExp the expression's source, without slashes
   */
  public static fromStatusRegExp(statusRegExp: string): WebSocketIntegrationResponseKey {
    if (!Token.isUnresolved(statusRegExp)) {
      let valid = statusRegExp.length > 0;
      try {
        new RegExp(statusRegExp);
      } catch {
        valid = false;
      }
      if (!valid) {
        throwInvalid(undefined, { subject: 'WebSocketIntegrationResponseKey', prop: 'statusRegExp', rule: "must be a regular expression over the status code, like '4\\d\\d'", value: statusRegExp });
      }
    }
    return new WebSocketIntegrationResponseKey(`/${statusRegExp}/`);
  }

  /** The `IntegrationResponseKey`. */
  public readonly key: string;

  private constructor(key: string) {
    this.key = key;
  }
}

/**
 * An integration response, as added to an integration.
 */
export interface WebSocketIntegrationResponseOptions {
  /**
   * The backend statuses this response serves.
   */
  readonly responseKey: WebSocketIntegrationResponseKey;

  /**
   * Velocity templates that render the reply, keyed by what `templateSelectionExpression` yields
   * (e.g. `$default`).
   *
   * @default - the backend's answer is sent unchanged
   */
  readonly responseTemplates?: { [key: string]: string };

  /**
   * Picks the key of `responseTemplates`.
   *
   * @default - none
   */
  readonly templateSelectionExpression?: string;

  /**
   * How the reply is converted between text and binary.
   *
   * @default - passed through unchanged
   */
  readonly contentHandling?: ContentHandling;

  /**
   * Response parameters, destination to source.
   *
   * @default - none
   */
  readonly responseParameters?: { [dest: string]: string };
}

/**
 * Properties of a WebSocketIntegrationResponse.
 */
export interface WebSocketIntegrationResponseProps extends WebSocketIntegrationResponseOptions {
  /**
   * The integration the response belongs to.
   */
  readonly integration: IWebSocketIntegration;
}

/**
 * An `AWS::ApiGatewayV2::IntegrationResponse`: how a non-proxy integration's (MOCK, HTTP, AWS) answer becomes the
 * message a two-way route sends back.
 *
 * @resource AWS::ApiGatewayV2::IntegrationResponse
 */
export class WebSocketIntegrationResponse extends Resource {
  /**
   * Id of the integration response.
   *
   * @attribute
   */
  public readonly integrationResponseId: string;

  constructor(scope: Construct, id: string, props: WebSocketIntegrationResponseProps) {
    super(scope, id);
    const resource = new CfnIntegrationResponse(this, 'Resource', {
      apiId: props.integration.webSocketApi.apiId,
      integrationId: props.integration.integrationId,
      integrationResponseKey: props.responseKey.key,
      responseTemplates: props.responseTemplates,
      templateSelectionExpression: props.templateSelectionExpression,
      contentHandlingStrategy: props.contentHandling,
      responseParameters: props.responseParameters,
    });
    this.integrationResponseId = resource.ref;
  }
}
