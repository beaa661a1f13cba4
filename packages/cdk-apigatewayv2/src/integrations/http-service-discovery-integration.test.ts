import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { describe, expect, test } from 'vitest';
import { HttpApi } from '../http/http-api';
import { HttpMethod } from '../http/http-method';
import { VpcLink } from '../http/vpc-link';
import { logicalId } from '../../test/support/private-integration-template';
import { HttpServiceDiscoveryIntegration } from './http-service-discovery-integration';

describe('HttpServiceDiscoveryIntegration', () => {
  test('the seed example: the $default route goes to the Cloud Map service through the given VPC link', () => {
    const stack = new Stack();
    const vpc = new ec2.Vpc(stack, 'VPC');
    const vpcLink = new VpcLink(stack, 'VpcLink', { vpc });
    const namespace = new servicediscovery.PrivateDnsNamespace(stack, 'Namespace', { name: 'boobar.com', vpc });
    const service = namespace.createService('Service');
    const httpEndpoint = new HttpApi(stack, 'HttpProxyPrivateApi', {
      defaultIntegration: new HttpServiceDiscoveryIntegration({ vpcLink, service }),
    });

    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::VpcLink', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: { Ref: logicalId(httpEndpoint) },
      IntegrationType: 'HTTP_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [logicalId(service), 'Arn'] },
      IntegrationMethod: 'ANY',
      ConnectionType: 'VPC_LINK',
      ConnectionId: { Ref: logicalId(vpcLink) },
      PayloadFormatVersion: '1.0',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
  });

  test('passes method and secure server name', () => {
    const stack = new Stack();
    const vpc = new ec2.Vpc(stack, 'VPC');
    const vpcLink = VpcLink.fromVpcLinkAttributes(stack, 'Link', { vpcLinkId: 'abc123', vpc });
    const namespace = new servicediscovery.PrivateDnsNamespace(stack, 'Namespace', { name: 'boobar.com', vpc });
    const api = new HttpApi(stack, 'Api');
    api.addRoutes({
      path: '/svc',
      integration: new HttpServiceDiscoveryIntegration({
        vpcLink, service: namespace.createService('Service'), method: HttpMethod.GET, secureServerName: '*.boobar.com',
      }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ConnectionId: 'abc123',
      IntegrationMethod: 'GET',
      TlsConfig: { ServerNameToVerify: '*.boobar.com' },
    });
  });

  test('requires vpcLink, naming the prop and the service', () => {
    const stack = new Stack();
    const vpc = new ec2.Vpc(stack, 'VPC');
    const namespace = new servicediscovery.PrivateDnsNamespace(stack, 'Namespace', { name: 'boobar.com', vpc });
    expect(() => new HttpServiceDiscoveryIntegration({ service: namespace.createService('Service') }))
      .toThrow(/HttpServiceDiscoveryIntegration vpcLink is required: .* got undefined \(service 'Default\/Namespace\/Service'\)/);
  });
});
