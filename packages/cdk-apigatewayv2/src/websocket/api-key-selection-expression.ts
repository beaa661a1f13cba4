import { Token } from 'aws-cdk-lib';
import { throwInvalid } from '../private/invalid';

/**
 * Where API Gateway reads the API key of a WebSocket connection from.
 *
 * API keys are checked on the `$connect` route only (routes opt in with `apiKeyRequired`).
 * API Gateway documents two sources; `custom` exists for expressions it may add later.
 *
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-selection-expressions.html#apigateway-websocket-api-apikey-selection-expressions
 */
export class WebSocketApiKeySelectionExpression {
  /**
   * The key is the value of the `x-api-key` header of the upgrade request.
   */
  public static readonly HEADER_X_API_KEY = new WebSocketApiKeySelectionExpression('$request.header.x-api-key');

  /**
   * The key is the `usageIdentifierKey` returned by the `$connect` route's Lambda authorizer.
   */
  public static readonly AUTHORIZER_USAGE_IDENTIFIER_KEY = new WebSocketApiKeySelectionExpression(
    '$context.authorizer.usageIdentifierKey',
  );

  /**
   * Any other selection expression.
   *
   * @param expression a `$request.…` or `$context.…` expression
   */
  public static custom(expression: string): WebSocketApiKeySelectionExpression {
    if (!Token.isUnresolved(expression) && !/^\$(request|context)\.\S+$/.test(expression)) {
      throwInvalid(undefined, { subject: 'WebSocketApiKeySelectionExpression', prop: 'expression', rule: "must be a '$request.…' or '$context.…' expression", value: expression });
    }
    return new WebSocketApiKeySelectionExpression(expression);
  }

  /**
   * The expression as it appears in the template (`ApiKeySelectionExpression`).
   */
  public readonly expression: string;

  private constructor(expression: string) {
    this.expression = expression;
  }
}
