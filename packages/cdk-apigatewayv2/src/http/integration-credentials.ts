import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * The credentials API Gateway uses to call an AWS service integration (`CredentialsArn`).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-aws-services.html
 */
export abstract class IntegrationCredentials {
  /** API Gateway assumes this role; it must trust `apigateway.amazonaws.com`. */
  public static fromRole(role: iam.IRoleRef): IntegrationCredentials {
    return { credentialsArn: role.roleRef.roleArn };
  }

  /** API Gateway calls the service with the caller's own identity (IAM-authorized routes). */
  public static useCallerIdentity(): IntegrationCredentials {
    return { credentialsArn: `arn:${Aws.PARTITION}:iam::*:user/*` };
  }

  /** The ARN of the credentials. */
  public abstract readonly credentialsArn: string;
}
