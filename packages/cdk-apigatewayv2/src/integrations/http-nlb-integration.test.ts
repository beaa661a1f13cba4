import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { describe, expect, test } from 'vitest';
import { HttpApi } from '../http/http-api';
import { expectLoadBalancerSeedTemplate } from '../../test/support/private-integration-template';
import { HttpNlbIntegration } from './http-nlb-integration';

describe('HttpNlbIntegration', () => {
  test('the seed example: the $default route goes to the NLB listener through a VPC link created in its VPC', () => {
    const stack = new Stack();
    const vpc = new ec2.Vpc(stack, 'VPC');
    const lb = new elbv2.NetworkLoadBalancer(stack, 'lb', { vpc });
    const listener = lb.addListener('listener', { port: 80 });
    listener.addTargets('target', { port: 80 });
    const httpEndpoint = new HttpApi(stack, 'HttpProxyPrivateApi', {
      defaultIntegration: new HttpNlbIntegration({ listener }),
    });

    expectLoadBalancerSeedTemplate(Template.fromStack(stack), { api: httpEndpoint, listener, vpc });
  });

  test('an imported listener needs vpcLink or vpc: the error names both props', () => {
    const stack = new Stack();
    const listener = elbv2.NetworkListener.fromNetworkListenerArn(stack, 'Imported',
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/lb/1234567890abcdef/1234567890abcdef');
    const api = new HttpApi(stack, 'Api');
    expect(() => api.addRoutes({ path: '/a', integration: new HttpNlbIntegration({ listener }) }))
      .toThrow(/HttpNlbIntegration vpcLink or vpc is required when the listener is imported/);
  });

  test('an imported listener with vpc gets a VPC link in that VPC', () => {
    const stack = new Stack();
    const vpc = new ec2.Vpc(stack, 'VPC');
    const listener = elbv2.NetworkListener.fromNetworkListenerArn(stack, 'Imported',
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/lb/1234567890abcdef/1234567890abcdef');
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new HttpNlbIntegration({ listener, vpc, secureServerName: 'api.internal' }) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/lb/1234567890abcdef/1234567890abcdef',
      TlsConfig: { ServerNameToVerify: 'api.internal' },
    });
  });
});
