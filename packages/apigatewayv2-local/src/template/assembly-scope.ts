import type { ModelEnvironment } from '../model/index.js';
import type { DiagnosticSink } from './diagnostics.js';
import { UnresolvedValueError } from './intrinsics.js';
import { StackScope, type StackSource } from './stack-scope.js';

/** Every stack of an assembly, for what crosses stacks: `Fn::ImportValue`. */
export class AssemblyScope {
  readonly stacks: StackScope[] = [];
  private exportIndex?: Map<string, { scope: StackScope; outputName: string }>;
  private readonly importing = new Set<string>();

  constructor(
    readonly env: ModelEnvironment,
    readonly diagnostics: DiagnosticSink,
  ) {}

  addStack(source: StackSource): StackScope {
    const scope = new StackScope(source, this);
    this.stacks.push(scope);
    return scope;
  }

  /** Top-level stacks and, recursively, their nested stacks, parents first. */
  allStacks(): StackScope[] {
    const out: StackScope[] = [];
    const visit = (scope: StackScope): void => {
      out.push(scope);
      for (const nested of scope.nestedStacks()) visit(nested);
    };
    for (const scope of this.stacks) visit(scope);
    return out;
  }

  importValue(name: string): unknown {
    const target = this.exports().get(name);
    if (!target) throw new UnresolvedValueError(`no stack in the assembly exports '${name}'`);
    if (this.importing.has(name)) throw new UnresolvedValueError(`export '${name}' depends on itself`);
    this.importing.add(name);
    try {
      return target.scope.output(target.outputName);
    } finally {
      this.importing.delete(name);
    }
  }

  private exports(): Map<string, { scope: StackScope; outputName: string }> {
    if (this.exportIndex) return this.exportIndex;
    const index = new Map<string, { scope: StackScope; outputName: string }>();
    this.exportIndex = index;
    for (const scope of this.allStacks()) {
      for (const [outputName, output] of Object.entries(scope.template.Outputs ?? {})) {
        if (output.Export === undefined) continue;
        if (output.Condition !== undefined && !scope.tryCondition(output.Condition, { stackName: scope.stackName, logicalId: outputName })) continue;
        const name = scope.tryResolve(output.Export.Name, { stackName: scope.stackName, logicalId: outputName, property: 'Export.Name' });
        if (typeof name === 'string') index.set(name, { scope, outputName });
      }
    }
    return index;
  }
}
