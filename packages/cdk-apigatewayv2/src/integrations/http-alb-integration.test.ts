import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { describe, expect, test } from 'vitest';
import { HttpApi } from '../http/http-api';
import { HttpMethod } from '../http/http-method';
import { VpcLink } from '../http/vpc-link';
import { expectLoadBalancerSeedTemplate, logicalId } from '../../test/support/private-integration-template';
import { HttpAlbIntegration } from './http-alb-integration';

/** The seed's load balancer: an internal ALB with one listener on port 80. */
function seedListener(stack: Stack): { vpc: ec2.Vpc; listener: elbv2.ApplicationListener } {
  const vpc = new ec2.Vpc(stack, 'VPC');
  const lb = new elbv2.ApplicationLoadBalancer(stack, 'lb', { vpc });
  const listener = lb.addListener('listener', { port: 80 });
  listener.addTargets('target', { port: 80 });
  return { vpc, listener };
}

describe('HttpAlbIntegration', () => {
  test('the seed example: the $default route goes to the listener through a VPC link created in its VPC', () => {
    const stack = new Stack();
    const { vpc, listener } = seedListener(stack);
    const httpEndpoint = new HttpApi(stack, 'HttpProxyPrivateApi', {
      defaultIntegration: new HttpAlbIntegration({ listener }),
    });

    const template = Template.fromStack(stack);
    expectLoadBalancerSeedTemplate(template, { api: httpEndpoint, listener, vpc });
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { TlsConfig: Match.absent() });
  });

  test('uses the given VPC link, method and secure server name', () => {
    const stack = new Stack();
    const { vpc, listener } = seedListener(stack);
    const vpcLink = new VpcLink(stack, 'Link', { vpc });
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({
      path: '/orders',
      methods: [HttpMethod.POST],
      integration: new HttpAlbIntegration({ listener, vpcLink, method: HttpMethod.PATCH, secureServerName: 'orders.internal.example.com' }),
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ConnectionId: { Ref: logicalId(vpcLink) },
      IntegrationMethod: 'PATCH',
      TlsConfig: { ServerNameToVerify: 'orders.internal.example.com' },
    });
  });

  test('two load balancers in one VPC share the API\'s VPC link; another API gets its own', () => {
    const stack = new Stack();
    const { vpc, listener } = seedListener(stack);
    const other = new elbv2.ApplicationLoadBalancer(stack, 'other', { vpc }).addListener('l', { port: 8080 });
    other.addTargets('t', { port: 8080 });
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new HttpAlbIntegration({ listener }) });
    api.addRoutes({ path: '/b', integration: new HttpAlbIntegration({ listener: other }) });
    const second = new HttpApi(stack, 'Second');
    second.addRoutes({ path: '/a', integration: new HttpAlbIntegration({ listener }) });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', 3);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 2);
  });

  test('reuses a VPC link the API already has for the VPC', () => {
    const stack = new Stack();
    const { vpc, listener } = seedListener(stack);
    const api = new HttpApi(stack, 'Api');
    const existing = api.addVpcLink({ vpc });
    api.addRoutes({ path: '/a', integration: new HttpAlbIntegration({ listener }) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { ConnectionId: { Ref: logicalId(existing) } });
  });

  test('an imported listener needs vpcLink or vpc: the error names both props', () => {
    const stack = new Stack();
    const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Imported', {
      listenerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/1234567890abcdef/1234567890abcdef',
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
    });
    const api = new HttpApi(stack, 'Api');
    expect(() => api.addRoutes({ path: '/a', integration: new HttpAlbIntegration({ listener }) }))
      .toThrow(/HttpAlbIntegration vpcLink or vpc is required when the listener is imported: the VPC of listener 'Default\/Imported' is not known/);
  });

  test('an imported listener with vpc gets the API\'s VPC link in that VPC', () => {
    const stack = new Stack();
    const vpc = new ec2.Vpc(stack, 'VPC');
    const listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(stack, 'Imported', {
      listenerArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/1234567890abcdef/1234567890abcdef',
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(stack, 'Sg', 'sg-12345678'),
    });
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({ path: '/a', integration: new HttpAlbIntegration({ listener, vpc }) });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationUri: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/lb/1234567890abcdef/1234567890abcdef',
      ConnectionType: 'VPC_LINK',
    });
  });

  test('rejects a vpc that is not the VPC of vpcLink', () => {
    const stack = new Stack();
    const { listener } = seedListener(stack);
    const vpcLink = new VpcLink(stack, 'Link', { vpc: new ec2.Vpc(stack, 'Elsewhere') });
    expect(() => new HttpAlbIntegration({ listener, vpcLink, vpc: new ec2.Vpc(stack, 'Third') }))
      .toThrow(/HttpAlbIntegration vpc must be the VPC of vpcLink when both are given, got vpc 'Default\/Third' and a vpcLink in 'Default\/Elsewhere'/);
  });

  test.each(['https://orders.example.com', 'orders.example.com:443', 'orders.example.com/x', ''])(
    'rejects secureServerName %j, naming the prop and the value', (secureServerName) => {
      const stack = new Stack();
      const { listener } = seedListener(stack);
      expect(() => new HttpAlbIntegration({ listener, secureServerName }))
        .toThrow(`HttpAlbIntegration secureServerName must be a host name (no scheme, port or path), got '${secureServerName}'`);
    });

  test('exposes the private integration settings', () => {
    const stack = new Stack();
    const { listener } = seedListener(stack);
    const integration = new HttpAlbIntegration({ listener, method: HttpMethod.GET });
    expect(integration.connectionType).toBe('VPC_LINK');
    expect(integration.integrationType).toBe('HTTP_PROXY');
    expect(integration.payloadFormatVersion.version).toBe('1.0');
    expect(integration.httpMethod).toBe(HttpMethod.GET);
  });
});
