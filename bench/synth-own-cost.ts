// The library's own synthesis cost: (a) / (f) and (c) / (g) of `synth.bench.ts` alone, with more repetitions
// (the full bench runs seven variants, three times each at 1000 routes: too few for a 5 % goal on a shared machine).
//
//   npx tsx bench/synth-own-cost.ts [repetitions]        a, f, c, g interleaved at ROUTES (1000): CPU medians, ratios
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/synth-own-cost.ts profile [a|c|f|g]
//                                                        builds and synthesizes that app (a) 3 times, for a profile
//
// Open the .cpuprofile in Chrome DevTools (Bottom-Up, or Call Tree from `measure`) and compare the inclusive time
// of cdk-apigatewayv2's frames with what (f) spends on the same resources.
import { loadavg } from 'node:os';
import { buildL1AtLibraryPaths, buildOurs, measure, type Variant, type VariantName } from './synth.bench.ts';

const ROUTES = Number(process.env.ROUTES ?? 1000);
const VARIANTS: Record<string, Variant> = {
  a: { name: 'a: HttpApi', build: buildOurs(true) },
  f: { name: 'f: L1 at the paths of a', build: buildL1AtLibraryPaths('route') },
  c: { name: 'c: HttpApi, API-wide permission', build: buildOurs(false) },
  g: { name: 'g: L1 at the paths of c', build: buildL1AtLibraryPaths('function') },
};

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function main(): void {
  const [mode, arg] = process.argv.slice(2);
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
  const ratios = { af: [] as number[], cg: [] as number[] };
  for (let rep = 0; rep < repetitions; rep++) {
    const ms = Object.fromEntries(Object.entries(VARIANTS).map(([key, variant]) => {
      const sample = measure(variant, ROUTES);
      cpu.get(variant.name)!.push(sample.cpuMs);
      synthCpu.get(variant.name)!.push(sample.synthCpuMs);
      return [key, sample.cpuMs];
    }));
    ratios.af.push(ms.a / ms.f);
    ratios.cg.push(ms.c / ms.g);
  }
  const m = (name: VariantName): number => median(cpu.get(name)!);
  for (const variant of Object.values(VARIANTS)) {
    console.log(`${variant.name.padEnd(32)} CPU ms median ${m(variant.name).toFixed(0)}, of which synth ${median(synthCpu.get(variant.name)!).toFixed(0)}`);
  }
  console.log(`${ROUTES} routes, ${repetitions} repetitions, load average ${load.toFixed(2)} → ${loadavg()[0].toFixed(2)}:`
    + ` a / f ${(m('a: HttpApi') / m('f: L1 at the paths of a')).toFixed(3)}× (median of pairs ${median(ratios.af).toFixed(3)}),`
    + ` c / g ${(m('c: HttpApi, API-wide permission') / m('g: L1 at the paths of c')).toFixed(3)}× (median of pairs ${median(ratios.cg).toFixed(3)})`);
}

main();
