import { CorpusApp } from '../synthesize';

const SEED_INTEGRATIONS = 'seeds/000, 001, 002 (integrations README, private integrations)';
const SEED_CORE = 'seeds/004 (core module README 1.123)';

/** VPC links and private integrations (ALB, NLB, Cloud Map). */
export const privateApps: CorpusApp[] = [
  {
    name: 'Application Load Balancer',
    source: `${SEED_INTEGRATIONS} Application Load Balancer`,
    build(k, stack) {
      const vpc = new k.ec2.Vpc(stack, 'VPC');
      const lb = new k.elbv2.ApplicationLoadBalancer(stack, 'lb', { vpc });
      const listener = lb.addListener('listener', { port: 80 });
      listener.addTargets('target', { port: 80 });
      new k.apigw.HttpApi(stack, 'HttpProxyPrivateApi', {
        defaultIntegration: new k.integrations.HttpAlbIntegration({ listener }),
      });
    },
  },
  {
    name: 'Network Load Balancer',
    source: `${SEED_INTEGRATIONS} Network Load Balancer`,
    build(k, stack) {
      const vpc = new k.ec2.Vpc(stack, 'VPC');
      const lb = new k.elbv2.NetworkLoadBalancer(stack, 'lb', { vpc });
      const listener = lb.addListener('listener', { port: 80 });
      listener.addTargets('target', { port: 80 });
      new k.apigw.HttpApi(stack, 'HttpProxyPrivateApi', {
        defaultIntegration: new k.integrations.HttpNlbIntegration({ listener }),
      });
    },
  },
  {
    name: 'Cloud Map service discovery',
    source: `${SEED_INTEGRATIONS} Cloud Map Service Discovery`,
    build(k, stack) {
      const vpc = new k.ec2.Vpc(stack, 'VPC');
      const vpcLink = new k.apigw.VpcLink(stack, 'VpcLink', { vpc });
      const namespace = new k.servicediscovery.PrivateDnsNamespace(stack, 'Namespace', { name: 'boobar.com', vpc });
      const service = namespace.createService('Service');
      new k.apigw.HttpApi(stack, 'HttpProxyPrivateApi', {
        defaultIntegration: new k.integrations.HttpServiceDiscoveryIntegration({ vpcLink, service }),
      });
    },
  },
  {
    name: 'VPC links: security groups, subnets, imported link, addVpcLink, options of private integrations',
    source: `${SEED_CORE} VPC Link; reference: VpcLinkProps, HttpPrivateIntegrationOptions`,
    build(k, stack) {
      const vpc = new k.ec2.Vpc(stack, 'VPC');
      const sg = new k.ec2.SecurityGroup(stack, 'SG', { vpc });
      const link = new k.apigw.VpcLink(stack, 'Link', { vpc, vpcLinkName: 'named', securityGroups: [sg], subnets: { subnetType: k.ec2.SubnetType.PUBLIC } });
      link.addSecurityGroups(new k.ec2.SecurityGroup(stack, 'SG2', { vpc }));
      const awesomeLink = k.apigw.VpcLink.fromVpcLinkAttributes(stack, 'awesome-vpc-link', { vpcLinkId: 'us-east-1_oiuR12Abd', vpc });
      const api = new k.apigw.HttpApi(stack, 'Api');
      api.addVpcLink({ vpc });
      const alb = new k.elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
      const albListener = alb.addListener('Listener', { port: 80 });
      albListener.addTargets('Target', { port: 80 });
      api.addRoutes({
        path: '/alb',
        methods: [k.apigw.HttpMethod.GET, k.apigw.HttpMethod.POST],
        integration: new k.integrations.HttpAlbIntegration({
          listener: albListener,
          vpcLink: link,
          method: k.apigw.HttpMethod.GET,
          secureServerName: 'www.example.com',
        }),
      });
      const nlb = new k.elbv2.NetworkLoadBalancer(stack, 'Nlb', { vpc });
      const nlbListener = nlb.addListener('Listener', { port: 80 });
      nlbListener.addTargets('Target', { port: 80 });
      api.addRoutes({ path: '/nlb', integration: new k.integrations.HttpNlbIntegration({ listener: nlbListener, vpcLink: awesomeLink }) });
      api.addRoutes({ path: '/nlb2', integration: new k.integrations.HttpNlbIntegration({ listener: nlbListener }) });
    },
  },
];
