// The @aws-cdk 1.x modules peer-depend on constructs@3 while the workspace root holds constructs@10 (for
// aws-cdk-lib). npm therefore hoists them to the root and gives each one a private copy of constructs@3. A 1.123
// app installed on its own has a single copy, and 1.123 relies on it: `HttpRoute` creates an authorizer under the
// API only when `httpApi instanceof Construct` holds, which is false across two copies. This setup file (loaded
// before any @aws-cdk module) makes every @aws-cdk module load the parity workspace's own constructs@3, so the
// 1.123 side of the suite behaves as in a user's project.
import Module, { createRequire } from 'node:module';
import { sep } from 'node:path';

const requireHere = createRequire(__filename);
const constructsV3 = requireHere.resolve('constructs');
if (!Object.hasOwn((requireHere('constructs') as { Construct: { prototype: object } }).Construct.prototype, 'onValidate')) {
  throw new Error(`parity: ${constructsV3} is not constructs@3`);
}

type ResolveFilename = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = loader._resolveFilename;
const v1Tree = `${sep}node_modules${sep}@aws-cdk${sep}`;

loader._resolveFilename = function resolveOneConstructs(request, parent, ...rest) {
  if (request === 'constructs' && parent?.filename?.includes(v1Tree)) {
    return constructsV3;
  }
  return resolveFilename.call(this, request, parent, ...rest);
};
