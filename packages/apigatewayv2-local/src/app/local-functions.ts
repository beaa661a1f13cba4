import { resourceKey, type GatewayModel, type FunctionModel } from '../model/index.js';
import type { LocalCertificate } from '../server/local-certificate.js';
import { changedFunctions, codeDirectoriesOf, codeDirectoriesTouched } from '../source/watch-mode.js';
import { findFunction } from '../template/index.js';
import type { GatewayApiInfo } from './gateway.js';
import { localFunctionEnvironment } from './local-function-environment.js';

/** How many ARNs `LocalFunctions.resolve` remembers before it starts over. */
const RESOLVED_ARNS_KEPT = 1024;

/**
 * The functions requests run: those of the model being served, each with its local environment (local URLs,
 * credentials, the local certificate), made for each model once its APIs listen and before any request is
 * answered with it. In watch mode it also tracks which code directories changed since the last model.
 */
export class LocalFunctions {
  private local = new Map<FunctionModel, FunctionModel>();
  /**
   * What `resolve` found for each ARN in the served model: every Lambda request resolves its integration's
   * ARN, and finding it means parsing it and searching the functions. Bounded: names also come from clients
   * (the Lambda Invoke API), so it starts over once it holds `RESOLVED_ARNS_KEPT`.
   */
  private resolved = new Map<string, FunctionModel | undefined>();
  /** Code directories with changes since the model was last read (watch mode): their functions restart. */
  private changedCode = new Set<string>();
  /** The certificate of the WebSocket ports, once one was made: functions trust it. */
  certificate: LocalCertificate | undefined;
  /** The custom domain port and the hosts preload, once the port listens: functions reach the domains there. */
  customDomains: { readonly port: number; readonly preload: string } | undefined;
  /** Told the code directories of each new model (watch mode watches them). */
  onCodeDirectories: ((directories: readonly string[]) => void) | undefined;

  constructor(
    private model: GatewayModel,
    /** Stops the environments of functions that changed or are gone. */
    private readonly retire: (arns: readonly string[]) => void,
  ) {}

  /** The function an ARN names in the served model, with its local environment. */
  readonly resolve = (arn: string): FunctionModel | undefined => {
    const known = this.resolved.get(arn);
    if (known !== undefined || this.resolved.has(arn)) return known;
    const found = findFunction(this.model, arn);
    const fn = found && (this.local.get(found) ?? found);
    if (this.resolved.size >= RESOLVED_ARNS_KEPT) this.resolved.clear();
    this.resolved.set(arn, fn);
    return fn;
  };

  /** Serves `next`, whose APIs listen at `apis`; returns the names of the functions whose environments were replaced. */
  switchTo(next: GatewayModel, apis: readonly GatewayApiInfo[]): readonly string[] {
    const endpoints = apis.flatMap((info) => {
      const api = next.apis.find((a) => resourceKey(a.ref) === resourceKey(info));
      return api?.protocol === 'WEBSOCKET' ? [{ apiId: api.apiId, localHost: new URL(info.url).host }] : [];
    });
    const certificate = this.certificate;
    const customDomains = this.customDomains && { ...this.customDomains, names: (next.domains ?? []).map((domain) => domain.domainName) };
    const nextLocal = new Map(
      next.functions.map((fn) => [
        fn,
        localFunctionEnvironment(fn, { environment: next.environment, endpoints, ...(certificate && { certificate }), ...(customDomains && { customDomains }) }),
      ]),
    );
    const stale = changedFunctions([...this.local.values()], [...nextLocal.values()], this.changedCode);
    this.model = next;
    this.local = nextLocal;
    this.resolved = new Map();
    this.changedCode = new Set();
    this.onCodeDirectories?.(codeDirectoriesOf(next));
    if (stale.arns.length > 0) this.retire(stale.arns);
    return stale.changedNames;
  }

  /** Notes files that changed (watch mode); added to, not replaced: a failed reload leaves them for the next one. */
  noteChangedPaths(paths: readonly string[]): void {
    this.changedCode = new Set([...this.changedCode, ...codeDirectoriesTouched(this.model, paths)]);
  }

  /** The code directories of the served model. */
  codeDirectories(): string[] {
    return codeDirectoriesOf(this.model);
  }
}
