import { createHash } from 'node:crypto';

/**
 * Deterministic, AWS-shaped physical ids for resources that exist only locally. The same stack name and
 * logical id always give the same id, so URLs and ARNs stay stable between runs.
 */

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `length` characters of `alphabet`, derived from a SHA-256 of `seed`. */
export function hashedId(seed: string, length: number, alphabet: string = LOWER): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[digest[i % digest.length] % alphabet.length];
  return out;
}

/** API ids are 10 lower-case alphanumerics, e.g. `a1b2c3d4e5`. */
export function apiIdFor(stackName: string, logicalId: string): string {
  return hashedId(`api/${stackName}/${logicalId}`, 10);
}

/** Integration, route, authorizer, model … ids are 7 lower-case alphanumerics. */
export function childIdFor(stackName: string, logicalId: string): string {
  return hashedId(`child/${stackName}/${logicalId}`, 7);
}

export interface GeneratedNameOptions {
  /** The service's limit on the name's length. @default 64 */
  readonly maxLength?: number;
  /** S3 buckets allow only lower case. @default false */
  readonly lowerCase?: boolean;
}

/**
 * CloudFormation's name for a resource without an explicit name: `{stack}-{logicalId}-{SUFFIX}`, with the
 * stack and logical id shortened so the whole fits the service's limit.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html
 */
export function generatedName(stackName: string, logicalId: string, options: GeneratedNameOptions = {}): string {
  const maxLength = options.maxLength ?? 64;
  const suffix = hashedId(`name/${stackName}/${logicalId}`, 12, UPPER);
  const room = maxLength - suffix.length - 2;
  const stackPart = stackName.slice(0, Math.max(1, Math.floor(room / 2)));
  const logicalPart = logicalId.slice(0, Math.max(1, room - stackPart.length));
  const name = `${stackPart}-${logicalPart}-${suffix}`;
  return options.lowerCase ? name.toLowerCase() : name;
}

/** A UUID-shaped value for ids that AWS gives as UUIDs (stack ids, KMS keys). */
export function uuidFor(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
