import { CorpusApp } from '../synthesize';
import { inlineFunction } from './helpers';

const SEED_CORE = 'seeds/004 (core module README 1.123)';

/** Custom domains and API mappings. */
export const domainApps: CorpusApp[] = [
  {
    name: 'custom domain: default mapping, stage mapping, a second API',
    source: `${SEED_CORE} Custom Domain`,
    build(k, stack) {
      const handler = inlineFunction(k, stack, 'Handler');
      const certArn = 'arn:aws:acm:us-east-1:111111111111:certificate';
      const domainName = 'example.com';
      const dn = new k.apigw.DomainName(stack, 'DN', {
        domainName,
        certificate: k.acm.Certificate.fromCertificateArn(stack, 'cert', certArn),
      });
      const api = new k.apigw.HttpApi(stack, 'HttpProxyProdApi', {
        defaultIntegration: new k.integrations.LambdaProxyIntegration({ handler }),
        defaultDomainMapping: { domainName: dn, mappingKey: 'foo' },
      });
      api.addStage('beta', { stageName: 'beta', autoDeploy: true, domainMapping: { domainName: dn, mappingKey: 'bar' } });
      const apiDemo = new k.apigw.HttpApi(stack, 'DemoApi', {
        defaultIntegration: new k.integrations.LambdaProxyIntegration({ handler }),
        defaultDomainMapping: { domainName: dn, mappingKey: 'demo' },
      });
      new k.cdk.CfnOutput(stack, 'DemoUrl', { value: (apiDemo.defaultStage as InstanceType<typeof k.apigw.HttpStage>).domainUrl });
    },
  },
  {
    name: 'ApiMapping built directly, root mapping, WebSocket stage mapping, imported domain',
    source: 'reference: ApiMapping, DomainName.fromDomainNameAttributes, StageOptions.domainMapping',
    build(k, stack) {
      const dn = new k.apigw.DomainName(stack, 'Domain', {
        domainName: 'api.example.com',
        certificate: k.acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:111111111111:certificate/abc'),
      });
      const imported = k.apigw.DomainName.fromDomainNameAttributes(stack, 'Imported', {
        name: 'other.example.com',
        regionalDomainName: 'd-abc.execute-api.us-east-1.amazonaws.com',
        regionalHostedZoneId: 'Z1UJRXOUMOOFQ8',
      });
      const api = new k.apigw.HttpApi(stack, 'Api');
      new k.apigw.ApiMapping(stack, 'Root', { api, domainName: dn });
      new k.apigw.ApiMapping(stack, 'Keyed', { api, domainName: imported, apiMappingKey: 'v1' });
      const ws = new k.apigw.WebSocketApi(stack, 'Ws');
      new k.apigw.WebSocketStage(stack, 'WsStage', { webSocketApi: ws, stageName: 'live', domainMapping: { domainName: dn, mappingKey: 'ws' } });
    },
  },
];
