// Synth time of an HTTP API with many routes: the constructs of cdk-apigatewayv2 against the same resources
// written with aws-cdk-lib's L1 classes. Prints a table; asserts nothing. `npm run bench -- http-routes`.
// CDK's built-in template validation is off in both: it costs the same per resource and only floods the output
// with the 500-resources warning.
import { App, Stack } from 'aws-cdk-lib';
import { CfnApi, CfnIntegration, CfnRoute, CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  HttpApi, HttpIntegrationType, HttpMethod, HttpRouteIntegrationBindOptions, HttpRouteIntegrationConfig,
  IHttpRouteIntegration, PayloadFormatVersion,
} from 'cdk-apigatewayv2';

const ROUTES = 1000;
const RUNS = 7;

class ArnIntegration implements IHttpRouteIntegration {
  constructor(private readonly arn: string) {}
  public bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    return { type: HttpIntegrationType.LAMBDA_PROXY, uri: this.arn, payloadFormatVersion: PayloadFormatVersion.VERSION_2_0 };
  }
}

const METHODS = [HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE];

function withConstructs(distinctIntegrations: number): void {
  const app = new App({ builtinCloudFormationValidation: false, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
  const stack = new Stack(app, 'Stack');
  const api = new HttpApi(stack, 'Api');
  const integrations = Array.from({ length: distinctIntegrations }, (_, i) => new ArnIntegration(`arn:aws:lambda:us-east-1:123456789012:function:f${i}`));
  for (let i = 0; i < ROUTES; i++) {
    api.addRoutes({ path: `/r${Math.floor(i / 4)}`, methods: [METHODS[i % 4]], integration: integrations[i % distinctIntegrations] });
  }
  app.synth();
}

function withL1(distinctIntegrations: number): void {
  const app = new App({ builtinCloudFormationValidation: false, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
  const stack = new Stack(app, 'Stack');
  const api = new CfnApi(stack, 'Api', { name: 'Api', protocolType: 'HTTP' });
  new CfnStage(stack, 'Stage', { apiId: api.ref, stageName: '$default', autoDeploy: true });
  const integrations = Array.from({ length: distinctIntegrations }, (_, i) => new CfnIntegration(stack, `I${i}`, {
    apiId: api.ref, integrationType: 'AWS_PROXY', integrationUri: `arn:aws:lambda:us-east-1:123456789012:function:f${i}`, payloadFormatVersion: '2.0',
  }));
  for (let i = 0; i < ROUTES; i++) {
    new CfnRoute(stack, `R${i}`, { apiId: api.ref, routeKey: `${METHODS[i % 4]} /r${Math.floor(i / 4)}`, target: `integrations/${integrations[i % distinctIntegrations].ref}` });
  }
  app.synth();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** CPU time (user + system) of `run`, in ms: steadier than wall time on a machine shared with other work. */
function time(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / 1000;
}

const rows: string[] = [];
for (const distinct of [10, ROUTES]) {
  withConstructs(distinct);
  withL1(distinct);
  const constructs: number[] = [];
  const l1: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    constructs.push(time(() => withConstructs(distinct)));
    l1.push(time(() => withL1(distinct)));
  }
  const c = median(constructs);
  const l = median(l1);
  rows.push(`| ${ROUTES} | ${distinct} | ${l.toFixed(0)} | ${c.toFixed(0)} | ${(c / l).toFixed(2)} |`);
}
console.log('| routes | distinct integrations | L1 CPU ms (median) | HttpApi CPU ms (median) | ratio |');
console.log('|---|---|---|---|---|');
console.log(rows.join('\n'));
