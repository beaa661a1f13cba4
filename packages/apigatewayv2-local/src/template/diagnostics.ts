import type { DiagnosticCode } from '../errors.js';
import type { Diagnostic, DiagnosticSeverity } from '../model/index.js';

/** Where a finding is: stack, logical id and (optionally) the property, as diagnostics report it. */
export interface Location {
  readonly stackName: string;
  readonly logicalId: string;
  readonly property?: string;
}

/** Collects diagnostics while a model is read; each finding is recorded once. */
export class DiagnosticSink {
  private readonly items: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  report(severity: DiagnosticSeverity, code: DiagnosticCode, at: Location, message: string): void {
    const key = `${severity}|${code}|${at.stackName}|${at.logicalId}|${at.property ?? ''}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push({ severity, code, stackName: at.stackName, logicalId: at.logicalId, ...(at.property ? { property: at.property } : {}), message });
  }

  error(code: DiagnosticCode, at: Location, message: string): void {
    this.report('error', code, at, message);
  }

  warning(code: DiagnosticCode, at: Location, message: string): void {
    this.report('warning', code, at, message);
  }

  info(code: DiagnosticCode, at: Location, message: string): void {
    this.report('info', code, at, message);
  }

  list(): readonly Diagnostic[] {
    return [...this.items];
  }
}
