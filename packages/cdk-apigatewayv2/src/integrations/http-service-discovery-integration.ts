import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../http/http-route-integration';
import { IVpcLink } from '../http/vpc-link';
import { throwInvalid } from '../private/invalid';
import { HttpPrivateIntegrationOptions } from './http-private-integration-options';
import { HttpPrivateIntegration } from './private/http-private-integration';

/**
 * Properties of an {@link HttpServiceDiscoveryIntegration}. `vpcLink` is required: a Cloud Map service does
 * not say which VPC its instances are in.
 */
export interface HttpServiceDiscoveryIntegrationProps extends HttpPrivateIntegrationOptions {
  /** The Cloud Map service whose instances receive the requests. */
  readonly service: servicediscovery.IService;
}

/**
 * Forwards the requests of a route to the instances of an AWS Cloud Map service, through a VPC link
 * (a private integration).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 */
export class HttpServiceDiscoveryIntegration extends HttpPrivateIntegration {
  private readonly service: servicediscovery.IService;
  private readonly vpcLink: IVpcLink;

  /**
   * @param props the service and the VPC link to reach it through
   */
  constructor(props: HttpServiceDiscoveryIntegrationProps) {
    super('HttpServiceDiscoveryIntegration', props);
    if (!props.vpcLink) {
      throwInvalid(undefined, {
        legacyMessage: 'The vpcLink property is mandatory',
        subject: 'HttpServiceDiscoveryIntegration', prop: 'vpcLink',
        rule: "is required: API Gateway reaches a Cloud Map service only through a VPC link in the service's VPC",
        got: `undefined (service '${props.service.node.path}')`,
      });
    }
    this.service = props.service;
    this.vpcLink = props.vpcLink;
  }

  /**
   * Returns the integration configuration; nothing is created per route.
   */
  public bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    return this.privateConfig(this.service.serviceArn, this.vpcLink);
  }
}
