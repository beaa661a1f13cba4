import { throwInvalid } from '../private/invalid';

/**
 * The version of the event that API Gateway sends to a Lambda integration (and of the response it expects back).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export class PayloadFormatVersion {
  /** Version 1.0: the REST API shaped event. The only version HTTP proxy integrations accept. */
  public static readonly VERSION_1_0 = new PayloadFormatVersion('1.0');

  /** Version 2.0: the HTTP API event with `rawPath`, `cookies` and simplified responses. */
  public static readonly VERSION_2_0 = new PayloadFormatVersion('2.0');

  /**
   * A version this library does not name yet.
   * @param version the version, `<major>.<minor>` (e.g. `3.0`)
   */
  public static custom(version: string): PayloadFormatVersion {
    if (!/^\d+\.\d+$/.test(version)) {
      throwInvalid(undefined, { subject: 'PayloadFormatVersion', prop: 'version', rule: "must be '<major>.<minor>' (e.g. '2.0')", value: version });
    }
    return new PayloadFormatVersion(version);
  }

  /** The version string, e.g. `2.0`. */
  public readonly version: string;

  private constructor(version: string) {
    this.version = version;
  }
}
