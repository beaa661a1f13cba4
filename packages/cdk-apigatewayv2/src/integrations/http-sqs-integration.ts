import * as sqs from 'aws-cdk-lib/aws-sqs';
import { HttpIntegrationSubtype } from '../http/http-integration-subtype';
import { HttpRouteIntegrationBindOptions } from '../http/http-route-integration';
import { ParameterMapping } from '../http/parameter-mapping';
import { throwInvalid } from '../private/invalid';
import { AwsServiceIntegration, ServiceGrant } from './private/aws-service-integration';

/**
 * Properties to initialize `HttpSqsIntegration`.
 */
export interface HttpSqsIntegrationProps {
  /**
   * Specifies how to transform HTTP requests before sending them to the backend.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html
   * @default - specify `QueueUrl`. Additionally, set `MessageBody` to `$request.body.MessageBody` for `SQS_SEND_MESSAGE` subtype
   * and set `ReceiptHandle` to `$request.body.ReceiptHandle` for `SQS_DELETE_MESSAGE` subtype.
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * The subtype of the HTTP integration. Only subtypes starting with SQS_ can be specified.
   * @default HttpIntegrationSubtype.SQS_SEND_MESSAGE
   */
  readonly subtype?: HttpIntegrationSubtype;

  /**
   * SQS queue that Integrates with API Gateway
   */
  readonly queue: sqs.IQueue;
}

const ACTIONS: Partial<Record<HttpIntegrationSubtype, string>> = {
  [HttpIntegrationSubtype.SQS_SEND_MESSAGE]: 'sqs:SendMessage',
  [HttpIntegrationSubtype.SQS_RECEIVE_MESSAGE]: 'sqs:ReceiveMessage',
  [HttpIntegrationSubtype.SQS_DELETE_MESSAGE]: 'sqs:DeleteMessage',
  [HttpIntegrationSubtype.SQS_PURGE_QUEUE]: 'sqs:PurgeQueue',
};

/**
 * Sends a route's requests to an SQS queue (SendMessage by default; ReceiveMessage, DeleteMessage and PurgeQueue
 * with `subtype`), through a role allowed that one action on that queue.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html#SQS-SendMessage
 */
export class HttpSqsIntegration extends AwsServiceIntegration {
  private readonly props: HttpSqsIntegrationProps;

  /**
   * @param props the queue, and optionally the action and its parameters
   */
  constructor(props: HttpSqsIntegrationProps) {
    super({
      subject: 'HttpSqsIntegration', valuePrefix: 'SQS-', enumPrefix: 'SQS_', legacyMessage: 'Subtype must start with `SQS_`',
      defaultSubtype: HttpIntegrationSubtype.SQS_SEND_MESSAGE,
    }, props.subtype);
    this.props = props;
  }

  /** @internal */
  protected _grant(options: HttpRouteIntegrationBindOptions, subtype: HttpIntegrationSubtype): ServiceGrant {
    const action = ACTIONS[subtype] ?? throwInvalid(options.scope, {
      legacyMessage: `Unsupported subtype: ${subtype}`, subject: 'HttpSqsIntegration', prop: 'subtype', rule: `must be one of ${Object.keys(ACTIONS).join(', ')}`, value: subtype,
    });
    return { sid: 'AllowSqsExecution', action, resource: this.props.queue.queueArn };
  }

  /** @internal */
  protected _parameterMapping(_options: HttpRouteIntegrationBindOptions, subtype: HttpIntegrationSubtype): ParameterMapping {
    if (this.props.parameterMapping !== undefined) {
      return this.props.parameterMapping;
    }
    const mapping = new ParameterMapping().custom('QueueUrl', this.props.queue.queueUrl);
    if (subtype === HttpIntegrationSubtype.SQS_SEND_MESSAGE) {
      mapping.custom('MessageBody', '$request.body.MessageBody');
    } else if (subtype === HttpIntegrationSubtype.SQS_DELETE_MESSAGE) {
      mapping.custom('ReceiptHandle', '$request.body.ReceiptHandle');
    }
    return mapping;
  }
}
