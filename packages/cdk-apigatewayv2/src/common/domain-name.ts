import { IResource, Lazy, Resource } from 'aws-cdk-lib';
import { CfnDomainName } from 'aws-cdk-lib/aws-apigatewayv2';
import { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { throwInvalid } from '../private/invalid';
import { isConcrete } from '../private/tokens';
import { IpAddressType } from './api';

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
 * The minimum version of the SSL protocol that you want API Gateway to use for HTTPS connections.
 */
export enum SecurityPolicy {
  /** Cipher suite TLS 1.0 */
  TLS_1_0 = 'TLS_1_0',
  /** Cipher suite TLS 1.2 */
  TLS_1_2 = 'TLS_1_2',
}

/**
 * Endpoint type for a domain name.
 */
export enum EndpointType {
  /** For an edge-optimized custom domain name. */
  EDGE = 'EDGE',
  /** For a regional custom domain name. */
  REGIONAL = 'REGIONAL',
}

/**
 * Properties for creating a domain name endpoint.
 */
export interface EndpointOptions {
  /** The ACM certificate for this domain name, in the stack's region. Certificate can be both ACM issued or imported. */
  readonly certificate: ICertificate;

  /**
   * The user-friendly name of the certificate that will be used by the endpoint for this domain name.
   * @default - No friendly certificate name
   */
  readonly certificateName?: string;

  /**
   * The type of endpoint for this DomainName.
   * @default EndpointType.REGIONAL
   */
  readonly endpointType?: EndpointType;

  /**
   * The Transport Layer Security (TLS) version + cipher suite for this domain name.
   * @default SecurityPolicy.TLS_1_2
   */
  readonly securityPolicy?: SecurityPolicy;

  /**
   * A public certificate issued by ACM to validate that you own a custom domain. This parameter is required
   * only when you configure mutual TLS authentication and you specify an ACM imported or private CA certificate
   * for `certificate`.
   * @default - only required when configuring mTLS
   */
  readonly ownershipCertificate?: ICertificate;

  /**
   * The IP address types that can invoke the API through this domain name.
   * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-ip-address-type.html
   * @default undefined - AWS default is IPV4
   */
  readonly ipAddressType?: IpAddressType;
}

/**
 * The mTLS authentication configuration for a custom domain name.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mutual-tls.html
 */
export interface MTLSConfig {
  /** The bucket that the trust store is hosted in. */
  readonly bucket: IBucket;

  /** The key in S3 to look at for the trust store. */
  readonly key: string;

  /**
   * The version of the S3 object that contains your truststore. To specify a version, you must have versioning
   * enabled for the S3 bucket.
   * @default - latest version
   */
  readonly version?: string;
}

/**
 * Properties of a {@link DomainName}.
 */
export interface DomainNameProps extends EndpointOptions {
  /** The custom domain name, e.g. `api.example.com` or `*.example.com`. */
  readonly domainName: string;

  /**
   * The mutual TLS authentication configuration for a custom domain name.
   * @default - mTLS is not configured.
   */
  readonly mtls?: MTLSConfig;
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

  private readonly endpoints: CfnDomainName.DomainNameConfigurationProperty[] = [];

  constructor(scope: Construct, id: string, props: DomainNameProps) {
    super(scope, id);
    validateDomainName(this, props.domainName);
    // The ownership certificate proves a domain whose serving certificate is imported or private, for mTLS only.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mutual-tls.html
    if (props.ownershipCertificate !== undefined && props.mtls === undefined) {
      throwInvalid(this, {
        legacyMessage: 'ownership certificate can only be used with mtls domains',
        subject: 'DomainName', prop: 'ownershipCertificate', rule: 'requires mtls', got: 'mtls undefined',
      });
    }
    const resource = new CfnDomainName(this, 'Resource', {
      domainName: props.domainName,
      domainNameConfigurations: Lazy.any({ produce: () => this.endpoints }),
      mutualTlsAuthentication: props.mtls === undefined ? undefined : {
        truststoreUri: props.mtls.bucket.s3UrlForObject(props.mtls.key),
        truststoreVersion: props.mtls.version,
      },
    });
    this.addEndpoint(props);
    // The name as given, as in @aws-cdk 1.123 (API mappings write it, not a `Ref`, so that migrated mappings keep
    // their properties); mappings add the dependency on this resource themselves.
    this.name = props.domainName;
    this.regionalDomainName = resource.attrRegionalDomainName;
    this.regionalHostedZoneId = resource.attrRegionalHostedZoneId;
  }

  /**
   * Adds an endpoint to a domain name (a domain has at most one per endpoint type).
   * @param options domain name endpoint properties to be set
   */
  public addEndpoint(options: EndpointOptions): void {
    const endpointType = options.endpointType ?? EndpointType.REGIONAL;
    if (this.endpoints.some((endpoint) => endpoint.endpointType === endpointType)) {
      throwInvalid(this, {
        legacyMessage: `an endpoint with type ${endpointType} already exists`,
        subject: 'DomainName', prop: 'endpointType', rule: 'must differ between the endpoints of a domain name', value: endpointType,
      });
    }
    // 1.123's two keys first, in its order; the others are left out when not given.
    this.endpoints.push({
      certificateArn: options.certificate.certificateArn,
      endpointType,
      certificateName: options.certificateName,
      securityPolicy: options.securityPolicy,
      ownershipVerificationCertificateArn: options.ownershipCertificate?.certificateArn,
      ipAddressType: options.ipAddressType,
    });
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
