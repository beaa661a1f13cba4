// The library's own synthesis cost: (a) / (f) and (c) / (g) of `synth.bench.ts` alone, with more repetitions
// (the full bench runs seven variants, three times each at 1000 routes: too few for a 5 % goal on a shared machine).
//
//   npx tsx bench/synth-own-cost.ts [repetitions]        a, f, c, g interleaved at ROUTES (1000): CPU medians, ratios
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/synth-own-cost.ts profile [a|c|f|g]
//                                                        builds and synthesizes that app (a) 3 times, for a profile
//
//   npx tsx bench/synth-own-cost.ts construct            the routes of (c) alone, against a Construct + CfnRoute per route,
//                                                        creation stack traces off: the library's own code per route
//   BASELINE_LIB=<dir> npx tsx bench/synth-own-cost.ts [repetitions]
//                                                        adds (a) and (c) built with another build of the library
//                                                        (`lib/` of an earlier commit, copied under node_modules/ so that
//                                                        it finds aws-cdk-lib), interleaved: a cut's effect in one run
//
// Open the .cpuprofile in Chrome DevTools (Bottom-Up, or Call Tree from `measure`) and compare the inclusive time
// of cdk-apigatewayv2's frames with what (f) spends on the same resources.
import { loadavg } from 'node:os';
import { App, Stack } from 'aws-cdk-lib';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { HttpApi, HttpMethod } from 'cdk-apigatewayv2';
import { LambdaProxyIntegration } from 'cdk-apigatewayv2/integrations';
import { buildL1AtLibraryPaths, buildOurs, measure, type Variant, type VariantName } from './synth.bench.js';

const ROUTES = Number(process.env.ROUTES ?? 1000);
const VARIANTS: Record<string, Variant> = {
  a: { name: 'a: HttpApi', build: buildOurs(true) },
  f: { name: 'f: L1 at the paths of a', build: buildL1AtLibraryPaths('route') },
  c: { name: 'c: HttpApi, API-wide permission', build: buildOurs(false) },
  g: { name: 'g: L1 at the paths of c', build: buildL1AtLibraryPaths('function') },
};

if (process.env.BASELINE_LIB !== undefined) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const base = require(`${process.env.BASELINE_LIB}/index.js`) as typeof import('cdk-apigatewayv2');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const baseIntegrations = require(`${process.env.BASELINE_LIB}/integrations/index.js`) as typeof import('cdk-apigatewayv2/integrations');
  const build = (scopePermissionToRoute: boolean): Variant['build'] => (stack, functions, routes) => {
    const api = new base.HttpApi(stack, 'Api');
    const integrations = functions.map((handler) => new baseIntegrations.LambdaProxyIntegration({ handler, scopePermissionToRoute }));
    for (let i = 0; i < routes; i++) {
      api.addRoutes({ path: `/items${i}/{id}`, methods: [base.HttpMethod.GET], integration: integrations[i % integrations.length] });
    }
  };
  VARIANTS.a0 = { name: 'a0: baseline HttpApi' as VariantName, build: build(true) };
  VARIANTS.c0 = { name: 'c0: baseline HttpApi, API-wide' as VariantName, build: build(false) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** CPU ms of adding ROUTES routes to a fresh API, either through the library or as plain constructs with a CfnRoute. */
function constructRoutes(library: boolean): number {
  const app = new App({ context: { '@aws-cdk/core:stackResourceLimit': 0, 'aws:cdk:disable-creation-stack-traces': true } });
  const stack = new Stack(app, 'Bench');
  const functions = Array.from({ length: 10 }, (_, n) => new lambda.Function(stack, `Fn${n}`, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  }));
  const api = new HttpApi(stack, 'Api');
  const integrations = functions.map((handler) => new LambdaProxyIntegration({ handler, scopePermissionToRoute: false }));
  const start = process.cpuUsage();
  for (let i = 0; i < ROUTES; i++) {
    if (library) {
      api.addRoutes({ path: `/items${i}/{id}`, methods: [HttpMethod.GET], integration: integrations[i % integrations.length] });
    } else {
      const route = new Construct(api, `GET/items${i}/{id}`);
      new CfnRoute(route, 'Resource', { apiId: api.apiId, routeKey: `GET /items${i}/{id}`, target: 'integrations/x', authorizationType: 'NONE' });
    }
  }
  const cpu = process.cpuUsage(start);
  return (cpu.user + cpu.system) / 1000;
}

function main(): void {
  const [mode, arg] = process.argv.slice(2);
  if (mode === 'construct') {
    const times = { library: [] as number[], plain: [] as number[] };
    for (let rep = 0; rep < 21; rep++) {
      times.library.push(constructRoutes(true));
      times.plain.push(constructRoutes(false));
    }
    const us = (ms: number): string => (ms * 1000 / ROUTES).toFixed(1);
    console.log(`${ROUTES} routes, creation stack traces off, 21 repetitions, load average ${loadavg()[0].toFixed(2)}: µs per route,`
      + ` median (fastest): library ${us(median(times.library))} (${us(Math.min(...times.library))}),`
      + ` Construct + CfnRoute ${us(median(times.plain))} (${us(Math.min(...times.plain))})`);
    return;
  }
  if (mode === 'profile') {
    const variant = VARIANTS[arg ?? 'a'];
    measure(variant, 20);
    for (let i = 0; i < Number(process.env.BUILDS ?? 3); i++) measure(variant, ROUTES);
    return;
  }
  const repetitions = Number(mode ?? 9);
  for (const variant of Object.values(VARIANTS)) measure(variant, 20); // warm-up: module loading and the JIT
  const load = loadavg()[0];
  const cpu = new Map<VariantName, number[]>(Object.values(VARIANTS).map((v) => [v.name, []]));
  const synthCpu = new Map<VariantName, number[]>(Object.values(VARIANTS).map((v) => [v.name, []]));
  const ratios: Record<string, number[]> = { af: [], cg: [], aa0: [], cc0: [] };
  for (let rep = 0; rep < repetitions; rep++) {
    const ms = Object.fromEntries(Object.entries(VARIANTS).map(([key, variant]) => {
      const sample = measure(variant, ROUTES);
      cpu.get(variant.name)!.push(sample.cpuMs);
      synthCpu.get(variant.name)!.push(sample.synthCpuMs);
      return [key, sample.cpuMs];
    }));
    ratios.af.push(ms.a / ms.f);
    ratios.cg.push(ms.c / ms.g);
    if (ms.a0 !== undefined) {
      ratios.aa0.push(ms.a / ms.a0);
      ratios.cc0.push(ms.c / ms.c0);
    }
  }
  const m = (name: VariantName): number => median(cpu.get(name)!);
  // The fastest run of each: interference from other processes only ever adds CPU time (caches, frequency).
  const min = (name: VariantName): number => Math.min(...cpu.get(name)!);
  for (const variant of Object.values(VARIANTS)) {
    console.log(`${variant.name.padEnd(32)} CPU ms median ${m(variant.name).toFixed(0)}, of which synth ${median(synthCpu.get(variant.name)!).toFixed(0)}, construction ${median(cpu.get(variant.name)!.map((c, i) => c - synthCpu.get(variant.name)![i])).toFixed(0)}`);
  }
  console.log(`${ROUTES} routes, ${repetitions} repetitions, load average ${load.toFixed(2)} → ${loadavg()[0].toFixed(2)}:`
    + ` a / f ${(m('a: HttpApi') / m('f: L1 at the paths of a')).toFixed(3)}× (median of pairs ${median(ratios.af).toFixed(3)}),`
    + ` c / g ${(m('c: HttpApi, API-wide permission') / m('g: L1 at the paths of c')).toFixed(3)}× (median of pairs ${median(ratios.cg).toFixed(3)})`);
  console.log(`fastest runs: a / f ${(min('a: HttpApi') / min('f: L1 at the paths of a')).toFixed(3)}×,`
    + ` c / g ${(min('c: HttpApi, API-wide permission') / min('g: L1 at the paths of c')).toFixed(3)}×`);
  if (ratios.aa0.length > 0) {
    const a0 = 'a0: baseline HttpApi' as VariantName;
    const c0 = 'c0: baseline HttpApi, API-wide' as VariantName;
    console.log(`baseline: a0 / f ${(m(a0) / m('f: L1 at the paths of a')).toFixed(3)}×, c0 / g ${(m(c0) / m('g: L1 at the paths of c')).toFixed(3)}×;`
      + ` this build against it: a / a0 ${(m('a: HttpApi') / m(a0)).toFixed(3)}× (pairs ${median(ratios.aa0).toFixed(3)}),`
      + ` c / c0 ${(m('c: HttpApi, API-wide permission') / m(c0)).toFixed(3)}× (pairs ${median(ratios.cc0).toFixed(3)})`);
  }
}

main();
