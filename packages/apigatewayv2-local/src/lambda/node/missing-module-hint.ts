import type { FunctionModel } from '../../model/index.js';
import type { RuntimeSdk } from './runtime-sdk.js';
import { isRuntimeSdkSpecifier } from './runtime/runtime-sdk-specifier.js';

/** Node.js's words for a module it cannot resolve: `require` says module, `import` says package or module. */
const CANNOT_FIND = /Cannot find (?:module|package) '([^']+)'/;

/**
 * The package an import specifier names (`@scope/name` or `name`, without a subpath), or undefined for a
 * relative or absolute path or a URL.
 */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier === '' || specifier.startsWith('.') || specifier.startsWith('/') || /^[A-Za-z]:[\\/]/.test(specifier) || /^[a-z]+:/.test(specifier)) {
    return undefined;
  }
  const [first = '', second = ''] = specifier.split('/');
  if (!first.startsWith('@')) return first;
  return second === '' ? undefined : `${first}/${second}`;
}

/** A hint for the developer, and what makes it the same hint (it is printed once). */
export interface MissingModuleHint {
  readonly key: string;
  /** `sdk`: an AWS SDK package (install it); `package`: any other package (bundle it); `file`: a path (add it). */
  readonly kind: 'sdk' | 'package' | 'file';
  readonly message: string;
}

/**
 * What to do about a handler's `Runtime.ImportModuleError` for a module that is not there: an AWS SDK
 * package Lambda would provide is missing from the machine (install it), any other module would be
 * missing on Lambda too (bundle it, or put it in the asset). Undefined for any other init error.
 */
export function missingModuleHint(fn: FunctionModel, errorType: string, errorMessage: string, sdk: RuntimeSdk): MissingModuleHint | undefined {
  if (errorType !== 'Runtime.ImportModuleError') return undefined;
  const specifier = CANNOT_FIND.exec(errorMessage)?.[1];
  if (specifier === undefined) return undefined;
  const key = `${fn.arn}\0${specifier}`;
  const subject = `apigw-local: function ${fn.ref.logicalId} imports '${specifier}', which`;
  const name = packageNameOf(specifier);
  if (name === undefined) {
    return { key, kind: 'file', message: `${subject} is not in its code directory (${fn.code.kind === 'directory' ? fn.code.path : 'inline code'}): Lambda would not find it either. Add the file to the function's asset.` };
  }
  if (isRuntimeSdkSpecifier(name)) {
    const places = sdk.searched.length === 0 ? 'no node_modules was found' : `looked in ${sdk.searched.join(', ')}`;
    return {
      key,
      kind: 'sdk',
      message: `${subject} Lambda's Node.js runtime provides (the AWS SDK for JavaScript v3), but it is not installed on this machine (${places}). ` +
        `Install it in your project: npm install --save-dev ${name}`,
    };
  }
  return {
    key,
    kind: 'package',
    message: `${subject} Lambda would not find either: its Node.js runtime provides only the AWS SDK (@aws-sdk/*) beside the function's code. ` +
      `Bundle the handler with its dependencies (e.g. aws-cdk-lib's NodejsFunction), or add node_modules/${name} to the function's asset.`,
  };
}
