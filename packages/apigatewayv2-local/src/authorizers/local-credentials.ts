import { GatewayError } from '../errors.js';

/** Credentials the local gateway accepts for `AWS_IAM` routes, in place of IAM's. */
export interface LocalCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests must carry it as `X-Amz-Security-Token`; when unset, they must carry none. */
  readonly sessionToken?: string;
  /** The caller's ARN in events (`userArn`); defaults to a local IAM user of the template's account. */
  readonly userArn?: string;
}

/** The user name of the default caller ARN, `arn:aws:iam::{account}:user/apigw-local`. */
export const LOCAL_IAM_USER_NAME = 'apigw-local';

/**
 * The credentials of the gateway process (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, optional
 * `AWS_SESSION_TOKEN`), or none when they are not both set.
 */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv): LocalCredential[] {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return [];
  const sessionToken = env.AWS_SESSION_TOKEN;
  return [{ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }];
}

/** Credentials by access key id; two entries with one key id are an option error. */
export function indexCredentials(credentials: readonly LocalCredential[]): ReadonlyMap<string, LocalCredential> {
  const byKey = new Map<string, LocalCredential>();
  for (const credential of credentials) {
    if (!credential.accessKeyId || !credential.secretAccessKey) {
      throw new GatewayError('INVALID_OPTION', 'IAM credentials need both accessKeyId and secretAccessKey');
    }
    if (byKey.has(credential.accessKeyId)) {
      throw new GatewayError('INVALID_OPTION', `IAM credentials list access key ${credential.accessKeyId} twice`);
    }
    byKey.set(credential.accessKeyId, credential);
  }
  return byKey;
}
