import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { HttpPrivateIntegrationOptions } from './http-private-integration-options';
import { HttpLoadBalancerIntegration } from './private/http-load-balancer-integration';

/**
 * Properties of an {@link HttpNlbIntegration}.
 */
export interface HttpNlbIntegrationProps extends HttpPrivateIntegrationOptions {
  /** The listener of the Network Load Balancer requests are forwarded to. */
  readonly listener: elbv2.INetworkListener;

  /**
   * The VPC of the load balancer, used to find or create the API's VPC link when `vpcLink` is not given.
   * Needed only for an imported listener, whose VPC is not known.
   * @default - the VPC of the listener's load balancer
   */
  readonly vpc?: ec2.IVpc;
}

/**
 * Forwards the requests of a route to a Network Load Balancer listener in a VPC (a private integration).
 * Without `vpcLink`, the routes of one API share one VPC link per VPC, created on first use.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 */
export class HttpNlbIntegration extends HttpLoadBalancerIntegration {
  /**
   * @param props the listener and how to reach it
   */
  constructor(props: HttpNlbIntegrationProps) {
    super('HttpNlbIntegration', props, {
      listenerArn: props.listener.listenerArn,
      listenerPath: props.listener.node.path,
      // Only a listener defined in this app knows its load balancer, and so its VPC.
      listenerVpc: props.listener instanceof elbv2.NetworkListener ? props.listener.loadBalancer.vpc : undefined,
    });
  }
}
