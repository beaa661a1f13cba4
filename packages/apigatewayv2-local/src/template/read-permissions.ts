import type { PermissionModel } from '../model/index.js';
import { reportUnknownProperties, type PropertyRules } from './property-rules.js';
import type { StackScope } from './stack-scope.js';

const PERMISSION_PROPERTIES: PropertyRules = {
  read: ['Action', 'FunctionName', 'Principal', 'SourceArn', 'SourceAccount'],
  // Only the API Gateway principal is checked locally; these do not change what it may invoke.
  ignored: ['EventSourceToken', 'FunctionUrlAuthType', 'PrincipalOrgID', 'InvokedViaFunctionUrl'],
};

/**
 * Reads every `AWS::Lambda::Permission` of a stack
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html).
 * A value that cannot be resolved is reported (as the resolver does) and listed in `unresolved`: the check
 * then takes the permission to allow nothing, since AWS might not either.
 */
export function readPermissions(scope: StackScope): PermissionModel[] {
  const permissions: PermissionModel[] = [];
  for (const [logicalId, resource] of scope.resources()) {
    if (resource.Type !== 'AWS::Lambda::Permission') continue;
    const properties = resource.Properties ?? {};
    reportUnknownProperties(scope, logicalId, properties, PERMISSION_PROPERTIES);
    const unresolved: string[] = [];
    const read = (name: string): string | undefined => {
      if (properties[name] === undefined) return undefined;
      const value = scope.tryResolve(properties[name], { stackName: scope.stackName, logicalId, property: name });
      if (typeof value === 'string') return value;
      unresolved.push(name);
      return undefined;
    };
    const functionName = read('FunctionName');
    const action = read('Action');
    const principal = read('Principal');
    const sourceArn = read('SourceArn');
    const sourceAccount = read('SourceAccount');
    permissions.push({
      ref: { stackName: scope.stackName, logicalId },
      ...(functionName !== undefined && { functionName }),
      ...(action !== undefined && { action }),
      ...(principal !== undefined && { principal }),
      ...(sourceArn !== undefined && { sourceArn }),
      ...(sourceAccount !== undefined && { sourceAccount }),
      unresolved,
    });
  }
  return permissions;
}
