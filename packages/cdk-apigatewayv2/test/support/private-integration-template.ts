import { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';

/** The logical id of a construct's default child (its L1 resource). */
export function logicalId(construct: IConstruct): string {
  const child = construct.node.defaultChild as CfnElement;
  return child.stack.getLogicalId(child);
}

/** What a seed's private load balancer example must synthesize: one VPC link in the VPC's private subnets. */
export interface LoadBalancerSeedExpectation {
  /** The API of the example. */
  readonly api: IConstruct;
  /** The load balancer's listener. */
  readonly listener: IConstruct;
  /** The load balancer's VPC. */
  readonly vpc: ec2.Vpc;
}

/**
 * Asserts the template of the seeds' ALB / NLB examples: a VPC link created in the load balancer's VPC, and the
 * `$default` route's HTTP_PROXY integration to the listener through it, method ANY, payload 1.0.
 */
export function expectLoadBalancerSeedTemplate(template: Template, expected: LoadBalancerSeedExpectation): void {
  template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
  template.hasResourceProperties('AWS::ApiGatewayV2::VpcLink', {
    SubnetIds: expected.vpc.privateSubnets.map((subnet) => ({ Ref: logicalId(subnet) })),
  });
  const vpcLinkId = Object.keys(template.findResources('AWS::ApiGatewayV2::VpcLink'))[0];
  template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
    ApiId: { Ref: logicalId(expected.api) },
    IntegrationType: 'HTTP_PROXY',
    IntegrationUri: { Ref: logicalId(expected.listener) },
    IntegrationMethod: 'ANY',
    ConnectionType: 'VPC_LINK',
    ConnectionId: { Ref: vpcLinkId },
    PayloadFormatVersion: '1.0',
  });
  template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
}
