import { IResource, Resource } from 'aws-cdk-lib';
import { CfnDomainName } from 'aws-cdk-lib/aws-apigatewayv2';
import { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Construct } from 'constructs';
import { throwInvalid } from '../private/invalid';
import { isConcrete } from '../private/tokens';

/**
 * A custom domain name for API Gateway v2 APIs.
 */
export interface IDomainName extends IResource {
  /**
   * The custom domain name, e.g. `api.example.com`.
   * @attribute
   */
  readonly name: string;

  /**
   * The regional endpoint that the domain's DNS record should point to.
   * @attribute
   */
  readonly regionalDomainName: string;

  /**
   * The Route 53 hosted zone id of the regional endpoint (for alias records).
   * @attribute
   */
  readonly regionalHostedZoneId: string;
}

/**
 * Properties of a {@link DomainName}.
 */
export interface DomainNameProps {
  /** The custom domain name, e.g. `api.example.com` or `*.example.com`. */
  readonly domainName: string;

  /** The ACM certificate for the domain, in the stack's region. */
  readonly certificate: ICertificate;
}

/**
 * Reference to a custom domain name created outside this construct tree.
 */
export interface DomainNameAttributes {
  /** The custom domain name. */
  readonly name: string;

  /** The regional endpoint of the domain. */
  readonly regionalDomainName: string;

  /** The Route 53 hosted zone id of the regional endpoint. */
  readonly regionalHostedZoneId: string;
}

/**
 * An `AWS::ApiGatewayV2::DomainName` with a regional endpoint. Map API stages onto it with `ApiMapping`
 * or a stage's `domainMapping`.
 *
 * @resource AWS::ApiGatewayV2::DomainName
 */
export class DomainName extends Resource implements IDomainName {
  /**
   * Imports an existing custom domain name.
   */
  public static fromDomainNameAttributes(scope: Construct, id: string, attrs: DomainNameAttributes): IDomainName {
    return new ImportedDomainName(scope, id, attrs);
  }

  public readonly name: string;
  public readonly regionalDomainName: string;
  public readonly regionalHostedZoneId: string;

  constructor(scope: Construct, id: string, props: DomainNameProps) {
    super(scope, id);
    validateDomainName(this, props.domainName);
    const resource = new CfnDomainName(this, 'Resource', {
      domainName: props.domainName,
      domainNameConfigurations: [{ certificateArn: props.certificate.certificateArn, endpointType: 'REGIONAL' }],
    });
    // The name as given, as in @aws-cdk 1.123 (API mappings write it, not a `Ref`, so that migrated mappings keep
    // their properties); mappings add the dependency on this resource themselves.
    this.name = props.domainName;
    this.regionalDomainName = resource.attrRegionalDomainName;
    this.regionalHostedZoneId = resource.attrRegionalHostedZoneId;
  }
}

class ImportedDomainName extends Resource implements IDomainName {
  public readonly name: string;
  public readonly regionalDomainName: string;
  public readonly regionalHostedZoneId: string;

  constructor(scope: Construct, id: string, attrs: DomainNameAttributes) {
    super(scope, id);
    this.name = attrs.name;
    this.regionalDomainName = attrs.regionalDomainName;
    this.regionalHostedZoneId = attrs.regionalHostedZoneId;
  }
}

const LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** DNS name rules (RFC 1035 labels, 253 characters), with a leading `*.` wildcard allowed. */
function validateDomainName(scope: Construct, domainName: string): void {
  if (!isConcrete(domainName)) {
    return;
  }
  const fail = (rule: string): never => {
    throwInvalid(scope, { subject: 'DomainName', prop: 'domainName', rule, value: domainName });
  };
  if (domainName === '') {
    // @aws-cdk 1.123's message first.
    throwInvalid(scope, { legacyMessage: 'empty string for domainName not allowed', subject: 'DomainName', prop: 'domainName', rule: 'must be 1 to 253 characters', value: '' });
  }
  if (domainName.length === 0 || domainName.length > 253) {
    fail('must be 1 to 253 characters');
  }
  if (domainName !== domainName.toLowerCase()) {
    fail('must be lower case');
  }
  const labels = domainName.split('.');
  if (labels.length < 2) {
    fail(`must have at least two labels (e.g. 'api.example.com')`);
  }
  labels.forEach((label, index) => {
    if (label === '*' && index === 0) {
      return;
    }
    if (label.length === 0) {
      fail('must not have an empty label (leading, trailing or double dot)');
    }
    if (label.length > 63) {
      fail(`labels must be at most 63 characters, found '${label}' (${label.length})`);
    }
    if (!LABEL.test(label)) {
      fail(`labels must be letters, digits and inner hyphens (a '*' only as the whole first label), found '${label}'`);
    }
  });
}
