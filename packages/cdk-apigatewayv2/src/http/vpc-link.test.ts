import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, test } from 'vitest';
import { expectError } from '../../test/support/expect-error';
import { HttpApi, VpcLink } from '../index';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'eu-west-1' } });
}

describe('VpcLink', () => {
  test('uses the private subnets of the VPC and the given security groups', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc });
    const link = new VpcLink(stack, 'Link', { vpc, securityGroups: [group], vpcLinkName: 'books-link' });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::VpcLink', {
      Name: 'books-link',
      SubnetIds: [{ Ref: Match.stringLikeRegexp('PrivateSubnet1') }, { Ref: Match.stringLikeRegexp('PrivateSubnet2') }],
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Group'), 'GroupId'] }],
    });
    expect(link.vpc).toBe(vpc);
  });

  test('includes subnets and security groups added after construction', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 });
    const link = new VpcLink(stack, 'Link', { vpc, subnets: { subnetType: ec2.SubnetType.PUBLIC } });
    link.addSubnets(...vpc.privateSubnets);
    link.addSecurityGroups(new ec2.SecurityGroup(stack, 'Late', { vpc }));
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::VpcLink', {
      SubnetIds: [{ Ref: Match.stringLikeRegexp('PublicSubnet1') }, { Ref: Match.stringLikeRegexp('PrivateSubnet1') }],
      SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Late'), 'GroupId'] }],
    });
  });

  test('returns the same link from addVpcLink for the same VPC', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 });
    const other = new ec2.Vpc(stack, 'Other', { maxAzs: 1 });
    const api = new HttpApi(stack, 'Api');
    const link = api.addVpcLink({ vpc });
    expect(api.addVpcLink({ vpc })).toBe(link);
    expect(api.addVpcLink({ vpc: other })).not.toBe(link);
    Template.fromStack(stack).resourceCountIs('AWS::ApiGatewayV2::VpcLink', 2);
  });

  test('imports a link by id', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 });
    const link = VpcLink.fromVpcLinkAttributes(stack, 'Imported', { vpcLinkId: 'abc123', vpc });
    expect(link.vpcLinkId).toBe('abc123');
  });

  test('rejects a name longer than 128 characters', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1 });
    expectError(() => new VpcLink(stack, 'Link', { vpc, vpcLinkName: 'x'.repeat(129) }), `VpcLink vpcLinkName must be 1 to 128 characters, got '${'x'.repeat(129)}' (129) (at 'Stack/Link')`);
  });

  test('rejects a link without subnets at synth', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, subnetConfiguration: [{ name: 'pub', subnetType: ec2.SubnetType.PUBLIC }] });
    new VpcLink(stack, 'Link', { vpc });
    expect(() => Template.fromStack(stack)).toThrow('VpcLink subnets must contain at least one subnet, got none (the VPC has no private subnets and none were selected or added)');
  });
});
