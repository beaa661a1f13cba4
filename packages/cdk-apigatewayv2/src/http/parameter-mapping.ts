/**
 * A value of a parameter mapping: where API Gateway reads it from (the request, the context, a stage variable)
 * or a static value.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 */
export interface IMappingValue {
  /** The value as API Gateway reads it, e.g. `$request.header.x-user`. */
  readonly value: string;
}

/**
 * A value of a parameter mapping.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 */
export class MappingValue implements IMappingValue {
  /** An empty value (what `remove:` mappings take). */
  public static readonly NONE = new MappingValue('');

  /** A header of the request: `$request.header.{name}`. */
  public static requestHeader(name: string): MappingValue {
    return new MappingValue(`$request.header.${name}`);
  }

  /** A query string parameter of the request: `$request.querystring.{name}`. */
  public static requestQueryString(name: string): MappingValue {
    return new MappingValue(`$request.querystring.${name}`);
  }

  /** A JSON path into the request body: `$request.body.{name}`. */
  public static requestBody(name: string): MappingValue {
    return new MappingValue(`$request.body.${name}`);
  }

  /** The path of the request: `$request.path`. */
  public static requestPath(): MappingValue {
    return new MappingValue('$request.path');
  }

  /** A path parameter of the route: `$request.path.{name}`. */
  public static requestPathParam(name: string): MappingValue {
    return new MappingValue(`$request.path.${name}`);
  }

  /** A context variable: `$context.{variableName}`. */
  public static contextVariable(variableName: string): MappingValue {
    return new MappingValue(`$context.${variableName}`);
  }

  /** A stage variable: `$stageVariables.{variableName}`. */
  public static stageVariable(variableName: string): MappingValue {
    return new MappingValue(`$stageVariables.${variableName}`);
  }

  /** Any value, static text or a combination of the above. */
  public static custom(value: string): MappingValue {
    return new MappingValue(value);
  }

  public readonly value: string;

  protected constructor(value: string) {
    this.value = value;
  }
}

/**
 * How API Gateway changes a request before it sends it to the backend (`RequestParameters` of the integration):
 * headers and query string parameters appended, overwritten or removed, the path overwritten; for AWS service
 * integrations, the parameters of the service action (`QueueUrl`, `MessageBody` …).
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-parameter-mapping.html
 */
export class ParameterMapping {
  /** A mapping from an object of keys (`append:header.x`, `QueueUrl` …) and values. */
  public static fromObject(obj: { [key: string]: MappingValue }): ParameterMapping {
    const mapping = new ParameterMapping();
    for (const [key, value] of Object.entries(obj)) {
      mapping.custom(key, value.value);
    }
    return mapping;
  }

  /** The mappings, as the integration's `RequestParameters`. */
  public readonly mappings: { [key: string]: string } = {};

  /** Appends a value to a header (`append:header.{name}`). */
  public appendHeader(name: string, value: MappingValue): ParameterMapping {
    return this.custom(`append:header.${name}`, value.value);
  }

  /** Overwrites a header (`overwrite:header.{name}`). */
  public overwriteHeader(name: string, value: MappingValue): ParameterMapping {
    return this.custom(`overwrite:header.${name}`, value.value);
  }

  /** Removes a header (`remove:header.{name}`). */
  public removeHeader(name: string): ParameterMapping {
    return this.custom(`remove:header.${name}`, '');
  }

  /** Appends a value to a query string parameter (`append:querystring.{name}`). */
  public appendQueryString(name: string, value: MappingValue): ParameterMapping {
    return this.custom(`append:querystring.${name}`, value.value);
  }

  /** Overwrites a query string parameter (`overwrite:querystring.{name}`). */
  public overwriteQueryString(name: string, value: MappingValue): ParameterMapping {
    return this.custom(`overwrite:querystring.${name}`, value.value);
  }

  /** Removes a query string parameter (`remove:querystring.{name}`). */
  public removeQueryString(name: string): ParameterMapping {
    return this.custom(`remove:querystring.${name}`, '');
  }

  /** Overwrites the path the backend receives (`overwrite:path`). */
  public overwritePath(value: MappingValue): ParameterMapping {
    return this.custom('overwrite:path', value.value);
  }

  /**
   * In a response mapping (`responseParameterMappings`): overwrites the status code the client gets
   * (`overwrite:statuscode`).
   * @param statusCode the status code, e.g. `204`, or a value such as `$stageVariables.code`
   */
  public overwriteStatusCode(statusCode: string): ParameterMapping {
    return this.custom('overwrite:statuscode', statusCode);
  }

  /** Adds any mapping. */
  public custom(key: string, value: string): ParameterMapping {
    this.mappings[key] = value;
    return this;
  }
}
