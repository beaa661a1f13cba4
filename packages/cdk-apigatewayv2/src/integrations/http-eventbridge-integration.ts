import * as events from 'aws-cdk-lib/aws-events';
import { HttpIntegrationSubtype } from '../http/http-integration-subtype';
import { HttpRouteIntegrationBindOptions } from '../http/http-route-integration';
import { ParameterMapping } from '../http/parameter-mapping';
import { AwsServiceIntegration, ServiceGrant } from './private/aws-service-integration';

/**
 * Properties to initialize `HttpEventBridgeIntegration`.
 */
export interface HttpEventBridgeIntegrationProps {
  /**
   * Specifies how to transform HTTP requests before sending them to the backend. The `EventBusName` is added
   * from `eventBusRef` unless the mapping sets it.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services-reference.html#EventBridge-PutEvents
   * @default - set `Detail` to `$request.body.Detail`,
   * `DetailType` to `$request.body.DetailType`, `Source` to `$request.body.Source`,
   * and `EventBusName` to the event bus name from `eventBusRef`.
   */
  readonly parameterMapping?: ParameterMapping;

  /**
   * The subtype of the HTTP integration. Only subtypes starting with EVENTBRIDGE_ can be specified.
   * @default HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS
   */
  readonly subtype?: HttpIntegrationSubtype;

  /**
   * EventBridge event bus that integrates with API Gateway (`bus.eventBusRef`).
   */
  readonly eventBusRef: events.EventBusReference;
}

/**
 * Puts a route's requests as events on an EventBridge bus, through a role allowed `events:PutEvents` on that bus.
 */
export class HttpEventBridgeIntegration extends AwsServiceIntegration {
  private readonly props: HttpEventBridgeIntegrationProps;

  /**
   * @param props the bus, and optionally the event's parameters
   */
  constructor(props: HttpEventBridgeIntegrationProps) {
    super({
      subject: 'HttpEventBridgeIntegration', valuePrefix: 'EventBridge-', enumPrefix: 'EVENTBRIDGE_', legacyMessage: 'Subtype must start with `EventBridge-`',
      defaultSubtype: HttpIntegrationSubtype.EVENTBRIDGE_PUT_EVENTS,
    }, props.subtype);
    this.props = props;
  }

  /** @internal */
  protected _grant(_options: HttpRouteIntegrationBindOptions, _subtype: HttpIntegrationSubtype): ServiceGrant {
    return { sid: 'AllowEventBridgePutEvents', action: 'events:PutEvents', resource: this.props.eventBusRef.eventBusArn };
  }

  /** @internal */
  protected _parameterMapping(_options: HttpRouteIntegrationBindOptions, _subtype: HttpIntegrationSubtype): ParameterMapping {
    // A copy: the user's mapping object may serve other integrations.
    const mapping = this.props.parameterMapping !== undefined
      ? ParameterMapping.fromObject({})
      : new ParameterMapping().custom('Detail', '$request.body.Detail').custom('DetailType', '$request.body.DetailType').custom('Source', '$request.body.Source');
    for (const [key, value] of Object.entries(this.props.parameterMapping?.mappings ?? {})) {
      mapping.custom(key, value);
    }
    if (!('EventBusName' in mapping.mappings)) {
      mapping.custom('EventBusName', this.props.eventBusRef.eventBusName);
    }
    return mapping;
  }
}
