// Synth cost of HTTP APIs with many Lambda routes: `npm run bench -- synth` (after `npm run build`).
//
// For 50 / 200 / 1000 / 3000 routes spread over 10 functions, three apps that deploy the same API:
//   (a) HttpApi + LambdaProxyIntegration (one permission per route, the default)
//   (b) the same resources written with aws-cdk-lib's L1 classes (CfnApi, CfnStage, CfnIntegration, CfnRoute,
//       CfnPermission): the floor any construct library pays for this template
//   (c) HttpApi + LambdaProxyIntegration with scopePermissionToRoute: false (one permission per function)
//   (d) aws-cdk-lib's own HttpApi + HttpLambdaIntegration (the alternative users would pick)
//   (e) L1 classes with one permission per function: the floor for (c)
//   (f) the template of (a) at (a)'s construct paths, written with L1 classes under plain `Construct`s
//   (g) the same for (c)
// (f) and (g) are the floor for any library that keeps @aws-cdk 1.123's logical ids, which come from those paths
// (a wrapper per route, integrations under the first route that binds them): (a) / (f) and (c) / (g) are what the
// library's own code costs on top. The warm-up checks that (f) and (g) synthesize exactly the templates of (a) and (c).
// Below the table, the goal ratios: (a) against (d), and (c) against (e); then (a) against (f) and (c) against (g).
// Each run builds a fresh App and synthesizes it to a temporary directory; the table shows the median of the
// runs: wall time (construction + synth), heap and RSS growth over the run, resources and template bytes,
// and the time ratio against (b). Variants are interleaved so that machine noise hits all of them alike.
// CPU time (user + system of this process) is the steadier figure on a shared machine; wall time is shown too.
// "of which synth" is the CPU time spent in `app.synth()`; the rest went into constructing the app.
// `ROUTES=1000 npx tsx bench/synth.bench.ts` measures other sizes; `bench/synth-own-cost.ts` measures and profiles
// (a) / (f) and (c) / (g) alone.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { App, Names, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { LambdaProxyIntegration } from 'cdk-apigatewayv2/integrations';

const ROUTE_COUNTS = (process.env.ROUTES ?? '50,200,1000,3000').split(',').map(Number);
const FUNCTION_COUNT = 10;
/** Repetitions per (size, variant): fewer for big apps, to keep the whole run within about three minutes. */
const REPETITIONS: Record<number, number> = { 50: 5, 200: 5, 1000: 3, 3000: 3 };
/** Sizes not in REPETITIONS (set through ROUTES=…) run this often. */
const DEFAULT_REPETITIONS = 3;

export type VariantName = 'a: HttpApi' | 'b: L1 (Cfn*)' | 'c: HttpApi, API-wide permission' | 'd: aws-cdk-lib HttpApi'
  | 'e: L1, permission per function' | 'f: L1 at the paths of a' | 'g: L1 at the paths of c';

export interface Variant {
  readonly name: VariantName;
  readonly build: (stack: Stack, functions: lambda.IFunction[], routes: number) => void;
}

interface Sample {
  readonly ms: number;
  readonly cpuMs: number;
  /** The part of `cpuMs` spent in `app.synth()` (the rest is construction): where a construct library's tree costs. */
  readonly synthCpuMs: number;
  readonly heapBytes: number;
  readonly rssBytes: number;
  readonly resources: number;
  readonly templateBytes: number;
  /** The synthesized template as written to the cloud assembly, when asked for (kept samples would grow the heap). */
  readonly template?: string;
}

/** `gc()` without requiring `node --expose-gc` (the bench runs through `npx tsx`). */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function routePath(i: number): string {
  return `/items${i}/{id}`;
}

export function buildOurs(scopePermissionToRoute: boolean): Variant['build'] {
  return (stack, functions, routes) => {
    const api = new HttpApi(stack, 'Api');
    const integrations = functions.map((handler) => new LambdaProxyIntegration({ handler, scopePermissionToRoute }));
    for (let i = 0; i < routes; i++) {
      api.addRoutes({ path: routePath(i), methods: [HttpMethod.GET], integration: integrations[i % integrations.length] });
    }
  };
}

/** aws-cdk-lib's own HTTP API constructs, as a user leaving CDK v1 without this library would write the app. */
function buildAwsCdkLib(stack: Stack, functions: lambda.IFunction[], routes: number): void {
  const api = new apigwv2.HttpApi(stack, 'Api');
  const integrations = functions.map((handler, n) => new HttpLambdaIntegration(`Integration${n}`, handler));
  for (let i = 0; i < routes; i++) {
    api.addRoutes({ path: routePath(i), methods: [apigwv2.HttpMethod.GET], integration: integrations[i % integrations.length] });
  }
}

/** The template (a) deploys, written by hand with L1 classes. */
function buildL1(stack: Stack, functions: lambda.IFunction[], routes: number): void {
  buildL1With(stack, functions, routes, 'route');
}

/** The template (c) deploys: one permission per function for the whole API. */
function buildL1PerFunction(stack: Stack, functions: lambda.IFunction[], routes: number): void {
  buildL1With(stack, functions, routes, 'function');
}

function buildL1With(stack: Stack, functions: lambda.IFunction[], routes: number, permissions: 'route' | 'function'): void {
  const api = new apigwv2.CfnApi(stack, 'Api', { name: 'Api', protocolType: 'HTTP' });
  new apigwv2.CfnStage(stack, 'DefaultStage', { apiId: api.ref, stageName: '$default', autoDeploy: true });
  const integrations = functions.map((fn, n) => new apigwv2.CfnIntegration(stack, `Integration${n}`, {
    apiId: api.ref,
    integrationType: 'AWS_PROXY',
    integrationUri: fn.functionArn,
    payloadFormatVersion: '2.0',
  }));
  for (let i = 0; i < routes; i++) {
    const n = i % functions.length;
    const path = routePath(i);
    new apigwv2.CfnRoute(stack, `Route${i}`, {
      apiId: api.ref,
      routeKey: `GET ${path}`,
      target: `integrations/${integrations[n].ref}`,
    });
    if (permissions === 'route') {
      new lambda.CfnPermission(stack, `Permission${i}`, {
        action: 'lambda:InvokeFunction',
        functionName: functions[n].functionArn,
        principal: 'apigateway.amazonaws.com',
        sourceArn: stack.formatArn({ service: 'execute-api', resource: api.ref, resourceName: `*/*${path}` }),
      });
    }
  }
  if (permissions === 'function') {
    functions.forEach((fn, n) => new lambda.CfnPermission(stack, `Permission${n}`, {
      action: 'lambda:InvokeFunction',
      functionName: fn.functionArn,
      principal: 'apigateway.amazonaws.com',
      sourceArn: stack.formatArn({ service: 'execute-api', resource: api.ref, resourceName: '*/*/*' }),
    }));
  }
}

/**
 * The template of (a) or (c) at their construct paths, so with their logical ids: a plain `Construct` where the
 * library has an L2 (API, stage, route, integration), the same L1 resources beneath, integrations named by the MD5
 * of their resolved configuration and created under the first route that binds them.
 */
export function buildL1AtLibraryPaths(permissions: 'route' | 'function'): Variant['build'] {
  return (stack, functions, routes) => {
    const apiScope = new Construct(stack, 'Api');
    const api = new apigwv2.CfnApi(apiScope, 'Resource', { name: 'Api', protocolType: 'HTTP' });
    new apigwv2.CfnStage(new Construct(apiScope, 'DefaultStage'), 'Resource', { apiId: api.ref, stageName: '$default', autoDeploy: true });
    const integrations = new Map<number, apigwv2.CfnIntegration>();
    for (let i = 0; i < routes; i++) {
      const n = i % functions.length;
      const path = routePath(i);
      const route = new Construct(apiScope, `GET${path}`);
      if (permissions === 'route') {
        new lambda.CfnPermission(route, `${Names.nodeUniqueId(route.node)}-Permission`, {
          action: 'lambda:InvokeFunction',
          functionName: functions[n].functionArn,
          principal: 'apigateway.amazonaws.com',
          sourceArn: stack.formatArn({ service: 'execute-api', resource: api.ref, resourceName: `*/*${path}` }),
        });
      }
      let integration = integrations.get(n);
      if (integration === undefined) {
        const config: unknown = stack.resolve({ type: 'AWS_PROXY', uri: functions[n].functionArn, payloadFormatVersion: { version: '2.0' } });
        const digest = createHash('md5').update(JSON.stringify(config)).digest('hex');
        integration = new apigwv2.CfnIntegration(new Construct(route, `HttpIntegration-${digest}`), 'Resource', {
          apiId: api.ref,
          integrationType: 'AWS_PROXY',
          integrationUri: functions[n].functionArn,
          payloadFormatVersion: '2.0',
        });
        integrations.set(n, integration);
      }
      new apigwv2.CfnRoute(route, 'Resource', {
        apiId: api.ref,
        routeKey: `GET ${path}`,
        target: `integrations/${integration.ref}`,
        authorizationType: 'NONE',
      });
      if (permissions === 'function' && i < functions.length) {
        new lambda.CfnPermission(apiScope, `Invoke-${Names.nodeUniqueId(functions[n].node)}`, {
          action: 'lambda:InvokeFunction',
          functionName: functions[n].functionArn,
          principal: 'apigateway.amazonaws.com',
          sourceArn: stack.formatArn({ service: 'execute-api', resource: api.ref, resourceName: '*/*/*' }),
        });
      }
    }
  };
}

const VARIANTS: Variant[] = [
  { name: 'a: HttpApi', build: buildOurs(true) },
  { name: 'b: L1 (Cfn*)', build: buildL1 },
  { name: 'c: HttpApi, API-wide permission', build: buildOurs(false) },
  { name: 'd: aws-cdk-lib HttpApi', build: buildAwsCdkLib },
  { name: 'e: L1, permission per function', build: buildL1PerFunction },
  { name: 'f: L1 at the paths of a', build: buildL1AtLibraryPaths('route') },
  { name: 'g: L1 at the paths of c', build: buildL1AtLibraryPaths('function') },
];

/** Pairs of variants that must synthesize the same template (else the bench would compare different apps). */
const SAME_TEMPLATE: [VariantName, VariantName][] = [['a: HttpApi', 'f: L1 at the paths of a'], ['c: HttpApi, API-wide permission', 'g: L1 at the paths of c']];

export function measure(variant: Variant, routes: number, options: { readonly keepTemplate?: boolean } = {}): Sample {
  const outdir = mkdtempSync(join(tmpdir(), 'synth-bench-'));
  try {
    gc();
    const before = process.memoryUsage();
    const start = performance.now();
    const cpuStart = process.cpuUsage();

    // CloudFormation's 500-resource stack limit is lifted: a deployment splits such an API over stacks, but the
    // point here is how cost grows with routes. CDK's built-in template validation is off: it costs the same per
    // resource for every variant and would only dilute the differences measured.
    const app = new App({ outdir, builtinCloudFormationValidation: false, context: { '@aws-cdk/core:stackResourceLimit': 0 } });
    const stack = new Stack(app, 'Bench');
    const functions = Array.from({ length: FUNCTION_COUNT }, (_, n) => new lambda.Function(stack, `Fn${n}`, {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    }));
    variant.build(stack, functions, routes);
    const cpuBuilt = process.cpuUsage(cpuStart);
    const assembly = app.synth();

    const ms = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const after = process.memoryUsage();
    const artifact = assembly.getStackByName(stack.stackName);
    const template = artifact.template as { Resources: Record<string, unknown> };
    return {
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      synthCpuMs: (cpu.user + cpu.system - cpuBuilt.user - cpuBuilt.system) / 1000,
      heapBytes: after.heapUsed - before.heapUsed,
      rssBytes: after.rss - before.rss,
      resources: Object.keys(template.Resources).length,
      templateBytes: statSync(artifact.templateFullPath).size,
      template: options.keepTemplate ? readFileSync(artifact.templateFullPath, 'utf8') : undefined,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

function main(): void {
  // Warm up module loading and the JIT so that the first measured size is not charged for them.
  const warmUp = new Map(VARIANTS.map((variant) => [variant.name, measure(variant, 20, { keepTemplate: true }).template]));
  for (const [x, y] of SAME_TEMPLATE) {
    if (warmUp.get(x) !== warmUp.get(y)) {
      throw new Error(`bench variants '${x}' and '${y}' must synthesize the same template, and do not`);
    }
  }
  const rows: string[][] = [];
  const goals: string[] = [];
  const previous = new Map<VariantName, { routes: number; resources: number }>();
  for (const routes of ROUTE_COUNTS) {
    const samples = new Map<VariantName, Sample[]>(VARIANTS.map((v) => [v.name, []]));
    for (let rep = 0; rep < (REPETITIONS[routes] ?? DEFAULT_REPETITIONS); rep++) {
      for (const variant of VARIANTS) {
        samples.get(variant.name)!.push(measure(variant, routes));
      }
    }
    const cpu = (name: VariantName): number => median(samples.get(name)!.map((s) => s.cpuMs));
    goals.push(`${routes} routes, CPU time: a / d (ours vs aws-cdk-lib) ${(cpu('a: HttpApi') / cpu('d: aws-cdk-lib HttpApi')).toFixed(2)}×`
      + ` (goal ≤ 0.6); c / e (one permission per function vs its L1 floor) ${(cpu('c: HttpApi, API-wide permission') / cpu('e: L1, permission per function')).toFixed(2)}× (goal ≤ 1.15)`
      + `\n  the same templates at the same construct paths with L1 classes: f / d ${(cpu('f: L1 at the paths of a') / cpu('d: aws-cdk-lib HttpApi')).toFixed(2)}×,`
      + ` g / e ${(cpu('g: L1 at the paths of c') / cpu('e: L1, permission per function')).toFixed(2)}×; the library's own cost on top:`
      + ` a / f ${(cpu('a: HttpApi') / cpu('f: L1 at the paths of a')).toFixed(2)}×, c / g ${(cpu('c: HttpApi, API-wide permission') / cpu('g: L1 at the paths of c')).toFixed(2)}×`);
    const baseline = samples.get('b: L1 (Cfn*)')!;
    const baselineMs = median(baseline.map((s) => s.ms));
    const baselineCpuMs = median(baseline.map((s) => s.cpuMs));
    for (const variant of VARIANTS) {
      const runs = samples.get(variant.name)!;
      const ms = median(runs.map((s) => s.ms));
      const cpuMs = median(runs.map((s) => s.cpuMs));
      const resources = runs[0].resources;
      const before = previous.get(variant.name);
      previous.set(variant.name, { routes, resources });
      rows.push([
        String(routes), variant.name,
        ms.toFixed(0), (ms / baselineMs).toFixed(2), cpuMs.toFixed(0), (cpuMs / baselineCpuMs).toFixed(2),
        median(runs.map((s) => s.synthCpuMs)).toFixed(0),
        mb(median(runs.map((s) => s.heapBytes))), mb(median(runs.map((s) => s.rssBytes))),
        String(resources), before ? ((resources - before.resources) / (routes - before.routes)).toFixed(2) : '-',
        (runs[0].templateBytes / 1024).toFixed(0), String(runs.length),
      ]);
    }
  }
  const header = ['routes', 'variant', 'wall ms', 'wall vs L1', 'CPU ms', 'CPU vs L1', 'of which synth', 'heap Δ MB', 'RSS Δ MB',
    'resources', 'resources per added route', 'template KB', 'runs'];
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col].length)));
  const line = (cells: string[]): string => `| ${cells.map((c, col) => c.padEnd(widths[col])).join(' | ')} |`;
  console.log(`${FUNCTION_COUNT} Lambda functions, one GET route per path; medians; node ${process.version}\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  rows.forEach((r) => console.log(line(r)));
  console.log('');
  goals.forEach((goal) => console.log(goal));
}

// Run when executed, not when `bench/synth-own-cost.ts` imports the builders.
if (require.main === module) {
  main();
}
