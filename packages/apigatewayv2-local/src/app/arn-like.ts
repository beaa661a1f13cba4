/**
 * IAM's `ArnLike` condition operator: each of the six colon-separated parts of the ARN
 * (`arn:partition:service:region:account:resource`) is matched on its own, case-sensitively, where `*` stands
 * for any run of characters and `?` for any one character; the resource part keeps its own colons.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
export function arnLike(pattern: string, arn: string): boolean {
  const patternParts = arnParts(pattern);
  const arnPartsOf = arnParts(arn);
  if (patternParts === undefined || arnPartsOf === undefined) return pattern === arn;
  return patternParts.every((part, i) => globMatches(part, arnPartsOf[i] ?? ''));
}

function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** `*` any run (also empty), `?` one character, everything else literal. */
function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p += 1;
      t += 1;
    } else if (p < pattern.length && pattern[p] === '*') {
      starAt = p;
      resumeAt = t;
      p += 1;
    } else if (starAt >= 0) {
      p = starAt + 1;
      resumeAt += 1;
      t = resumeAt;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p += 1;
  return p === pattern.length;
}
