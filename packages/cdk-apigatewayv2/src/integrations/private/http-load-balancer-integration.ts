import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IHttpApi } from '../../http/http-api';
import { HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig } from '../../http/http-route-integration';
import { IVpcLink } from '../../http/vpc-link';
import { throwInvalid } from '../../private/invalid';
import { HttpPrivateIntegrationOptions } from '../http-private-integration-options';
import { HttpPrivateIntegration } from './http-private-integration';

/** What a load balancer integration knows about its listener. */
export interface ListenerTarget {
  /** The listener's ARN, the integration URI. */
  readonly listenerArn: string;
  /** The listener's construct path, for error messages. */
  readonly listenerPath: string;
  /** The VPC of the listener's load balancer, when the listener was defined in this app. */
  readonly listenerVpc?: ec2.IVpc;
}

/** The props load balancer integrations add to the private integration options. */
export interface LoadBalancerOptions extends HttpPrivateIntegrationOptions {
  /** The load balancer's VPC, for imported listeners. */
  readonly vpc?: ec2.IVpc;
}

/**
 * What the ALB and NLB integrations share: the URI is the listener ARN, and the VPC link is the `vpcLink` prop,
 * or else the API's VPC link in the load balancer's VPC (the `vpc` prop, or the VPC the load balancer was defined
 * in), created once per (API, VPC) on first use and shared with every other user of `addVpcLink`.
 *
 * @internal
 */
export abstract class HttpLoadBalancerIntegration extends HttpPrivateIntegration {
  private readonly className: string;
  private readonly options: LoadBalancerOptions;
  private readonly target: ListenerTarget;

  /**
   * @param className the concrete class, for error messages
   * @param options the integration's props
   * @param target the listener
   */
  protected constructor(className: string, options: LoadBalancerOptions, target: ListenerTarget) {
    super(className, options);
    if (options.vpcLink && options.vpc && options.vpcLink.vpc !== options.vpc) {
      throwInvalid(undefined, {
        subject: className, prop: 'vpc', rule: 'must be the VPC of vpcLink when both are given',
        got: `vpc '${options.vpc.node.path}' and a vpcLink in '${options.vpcLink.vpc.node.path}'`,
      });
    }
    this.className = className;
    this.options = options;
    this.target = target;
  }

  /**
   * Finds or creates the VPC link and returns the integration configuration.
   */
  public bind(options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    return this.privateConfig(this.target.listenerArn, this.vpcLinkFor(options.route.httpApi));
  }

  private vpcLinkFor(api: IHttpApi): IVpcLink {
    if (this.options.vpcLink) {
      return this.options.vpcLink;
    }
    const vpc = this.options.vpc ?? this.target.listenerVpc;
    if (!vpc) {
      // @aws-cdk 1.123's message first ('Application Listener' / 'Network Listener').
      const kind = this.className === 'HttpAlbIntegration' ? 'Application' : 'Network';
      throwInvalid(undefined, {
        legacyMessage: `The vpcLink property must be specified when using an imported ${kind} Listener.`,
        subject: this.className, prop: 'vpcLink or vpc',
        rule: `is required when the listener is imported: the VPC of listener '${this.target.listenerPath}' is not known`,
        got: 'vpcLink undefined and vpc undefined',
      });
    }
    // addVpcLink returns the API's existing link for this VPC (whoever added it), so each (API, VPC) gets one.
    return api.addVpcLink({ vpc });
  }
}
