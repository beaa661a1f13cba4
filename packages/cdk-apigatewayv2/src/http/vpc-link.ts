import { IResource, Lazy, Names, Resource } from 'aws-cdk-lib';
import { CfnVpcLink } from 'aws-cdk-lib/aws-apigatewayv2';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { invalidMessage, throwInvalid } from '../private/invalid';
import { isConcrete } from '../private/tokens';

/**
 * A VPC link: lets HTTP API integrations reach private resources in a VPC.
 */
export interface IVpcLink extends IResource {
  /**
   * The id of the VPC link.
   * @attribute
   */
  readonly vpcLinkId: string;

  /** The VPC the link reaches into. */
  readonly vpc: ec2.IVpc;
}

/**
 * Properties of a {@link VpcLink}.
 */
export interface VpcLinkProps {
  /** The VPC the link reaches into. */
  readonly vpc: ec2.IVpc;

  /**
   * The name of the VPC link, at most 128 characters.
   * @default - automatically generated name
   */
  readonly vpcLinkName?: string;

  /**
   * The subnets the link's network interfaces go into.
   * @default - private subnets of the provided VPC. Use `addSubnets` to add more subnets
   */
  readonly subnets?: ec2.SubnetSelection;

  /**
   * The security groups of the link's network interfaces.
   * @default - no security groups. Use `addSecurityGroups` to add security groups
   */
  readonly securityGroups?: ec2.ISecurityGroup[];
}

/**
 * Reference to a VPC link created outside this construct tree.
 */
export interface VpcLinkAttributes {
  /** The id of the VPC link. */
  readonly vpcLinkId: string;

  /** The VPC the link reaches into. */
  readonly vpc: ec2.IVpc;
}

/**
 * An `AWS::ApiGatewayV2::VpcLink` for private integrations of HTTP APIs.
 *
 * @resource AWS::ApiGatewayV2::VpcLink
 */
export class VpcLink extends Resource implements IVpcLink {
  /**
   * Imports an existing VPC link.
   */
  public static fromVpcLinkAttributes(scope: Construct, id: string, attrs: VpcLinkAttributes): IVpcLink {
    return new ImportedVpcLink(scope, id, attrs);
  }

  public readonly vpcLinkId: string;
  public readonly vpc: ec2.IVpc;
  private readonly subnets: ec2.ISubnet[] = [];
  private readonly securityGroups: ec2.ISecurityGroup[] = [];

  constructor(scope: Construct, id: string, props: VpcLinkProps) {
    super(scope, id);
    const name = props.vpcLinkName;
    if (isConcrete(name) && (name.length === 0 || name.length > 128)) {
      throwInvalid(this, { subject: 'VpcLink', prop: 'vpcLinkName', rule: 'must be 1 to 128 characters', got: `'${name}' (${name.length})` });
    }
    this.vpc = props.vpc;
    const resource = new CfnVpcLink(this, 'Resource', {
      name: name ?? Names.uniqueResourceName(this, { maxLength: 128 }),
      // Lazy so that subnets and security groups added after construction are included.
      subnetIds: Lazy.list({ produce: () => this.subnets.map((subnet) => subnet.subnetId) }),
      // Written even when empty (`[]`), as @aws-cdk 1.123 did.
      securityGroupIds: Lazy.list({ produce: () => this.securityGroups.map((group) => group.securityGroupId) }),
    });
    this.vpcLinkId = resource.ref;

    this.addSubnets(...(props.subnets !== undefined ? props.vpc.selectSubnets(props.subnets).subnets : props.vpc.privateSubnets));
    this.addSecurityGroups(...props.securityGroups ?? []);
    this.node.addValidation({
      validate: () => (this.subnets.length === 0
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-apigatewayv2-vpclink.html: SubnetIds is required.
        // A validation (not a throw) because subnets can still be added after construction; the framework adds the path.
        ? [invalidMessage(undefined, {
          subject: 'VpcLink', prop: 'subnets', rule: 'must contain at least one subnet',
          got: 'none (the VPC has no private subnets and none were selected or added)',
        })]
        : []),
    });
  }

  /** Adds subnets for the link's network interfaces. */
  public addSubnets(...subnets: ec2.ISubnet[]): void {
    this.subnets.push(...subnets);
  }

  /** Adds security groups to the link's network interfaces. */
  public addSecurityGroups(...groups: ec2.ISecurityGroup[]): void {
    this.securityGroups.push(...groups);
  }
}

class ImportedVpcLink extends Resource implements IVpcLink {
  public readonly vpcLinkId: string;
  public readonly vpc: ec2.IVpc;

  constructor(scope: Construct, id: string, attrs: VpcLinkAttributes) {
    super(scope, id);
    this.vpcLinkId = attrs.vpcLinkId;
    this.vpc = attrs.vpc;
  }
}
