import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import type { Construct } from 'constructs';
import { HttpApi, HttpMethod, VpcLink } from 'cdk-apigatewayv2';
import { HttpAlbIntegration, HttpNlbIntegration, HttpServiceDiscoveryIntegration } from 'cdk-apigatewayv2/integrations';

/**
 * One HTTP API in front of three private services in a VPC, one per kind of private integration:
 *
 * - `/orders/...` → an Application Load Balancer's listener (`HttpAlbIntegration`)
 * - `/stock/...`  → a Network Load Balancer's listener (`HttpNlbIntegration`)
 * - `/users/...`  → a Cloud Map service (`HttpServiceDiscoveryIntegration`, through an explicit VPC link)
 *
 * Deployed, API Gateway reaches them through VPC links. Locally they have no address, so `apigw-local`
 * sends each integration's requests where `--backend` says (see `scripts/start-local.ts`).
 */
export class PrivateApiStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    // The load balancers and the VPC links sit in the private subnets; one NAT gateway keeps the bill small.
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });

    // The services' tasks register themselves as IP targets (as ECS tasks in awsvpc mode do).
    const alb = new elbv2.ApplicationLoadBalancer(this, 'OrdersAlb', { vpc });
    const albListener = alb.addListener('Listener', {
      port: 80,
      defaultTargetGroups: [new elbv2.ApplicationTargetGroup(this, 'OrdersTargets', { vpc, port: 80, targetType: elbv2.TargetType.IP })],
    });

    const nlb = new elbv2.NetworkLoadBalancer(this, 'StockNlb', { vpc });
    const nlbListener = nlb.addListener('Listener', {
      port: 80,
      defaultTargetGroups: [new elbv2.NetworkTargetGroup(this, 'StockTargets', { vpc, port: 80, targetType: elbv2.TargetType.IP })],
    });

    const namespace = new servicediscovery.PrivateDnsNamespace(this, 'Namespace', { name: 'shop.internal', vpc });
    const usersService = namespace.createService('UsersService', { dnsRecordType: servicediscovery.DnsRecordType.A });
    const vpcLink = new VpcLink(this, 'VpcLink', { vpc });

    const api = new HttpApi(this, 'PrivateApi');
    api.addRoutes({
      path: '/orders/{proxy+}',
      methods: [HttpMethod.ANY],
      integration: new HttpAlbIntegration({ listener: albListener }),
    });
    api.addRoutes({
      path: '/stock/{proxy+}',
      methods: [HttpMethod.GET],
      integration: new HttpNlbIntegration({ listener: nlbListener }),
    });
    api.addRoutes({
      path: '/users/{proxy+}',
      methods: [HttpMethod.ANY],
      integration: new HttpServiceDiscoveryIntegration({ vpcLink, service: usersService }),
    });

    new CfnOutput(this, 'ApiEndpoint', { value: api.apiEndpoint });
  }
}
