/**
 * The package scopes Lambda's Node.js runtimes provide beside a function's code: the AWS SDK for
 * JavaScript v3 and the Smithy packages it is built on.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html#nodejs-sdk-included
 */
export const RUNTIME_SDK_SCOPES = ['@aws-sdk', '@smithy'] as const;

/** Whether an import specifier names a package of those scopes (`@aws-sdk/client-s3`, `@smithy/types/sub`). */
export function isRuntimeSdkSpecifier(specifier: string): boolean {
  return RUNTIME_SDK_SCOPES.some((scope) => specifier.startsWith(`${scope}/`));
}

