const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** `requestContext.time` / `requestTime` in Common Log Format, UTC: `12/Mar/2020:19:03:58 +0000` (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html). */
export function formatClfTime(epochMs: number): string {
  // Requests arrive many to a second: the text of the last second is kept.
  const second = Math.floor(epochMs / 1000);
  if (second === lastSecond) return lastText;
  const date = new Date(second * 1000);
  const day = pad2(date.getUTCDate());
  const month = MONTHS[date.getUTCMonth()];
  const time = `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}`;
  lastSecond = second;
  lastText = `${day}/${month}/${date.getUTCFullYear()}:${time} +0000`;
  return lastText;
}

let lastSecond = NaN;
let lastText = '';
