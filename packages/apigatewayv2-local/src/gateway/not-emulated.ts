import type { ApiModel } from '../model/index.js';

/** A start-up warning: something the template asks for that the local gateway does not serve as AWS would. */
export interface StartUpWarning {
  readonly stackName: string;
  readonly logicalId: string;
  readonly message: string;
}

/**
 * Settings an HTTP or WebSocket API carries that change what AWS answers but that the local gateway does
 * not apply (see the README's "Differences from AWS"): said at start-up so that a local 200 is not read as
 * AWS's answer. Both protocols have them, so they live here rather than in http/ or websocket/.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html
 */
export function notEmulated(api: ApiModel): StartUpWarning[] {
  const warnings: StartUpWarning[] = [];
  if (api.disableExecuteApiEndpoint) {
    warnings.push({
      ...api.ref,
      message: 'DisableExecuteApiEndpoint is true: AWS answers 403 on the execute-api endpoint; served locally anyway',
    });
  }
  return warnings;
}
