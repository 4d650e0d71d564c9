// The OAuth 1.0a test vector of an LTI 1.1 launch (lti11.md §2, vector B), shared by the unit tests
// and the conformance suite. It imports nothing of the library, so the conformance suite still
// tests only what users install (dist/).

type Parameter = [name: string, value: string];

/** Vector B: a basic launch POSTed to `url`, signed with `consumerSecret` (OA-002, OA-003). */
export const VECTOR_B = {
  method: 'POST',
  url: 'https://tool.example.com/lti/launch',
  consumerKey: 'ck-123',
  consumerSecret: 's3cr3t',
  timestamp: 1767225600,
  nonce: '7d8f3e4a',
  callback: 'about:blank',
  /** The form fields of the launch, without the `oauth_*` parameters. */
  form: [
    ['lti_message_type', 'basic-lti-launch-request'],
    ['lti_version', 'LTI-1p0'],
    ['resource_link_id', 'rl-42'],
    ['user_id', 'u-7'],
    ['roles', 'Instructor'],
    ['context_id', 'ctx-1'],
    ['custom_chapter', '3 & 4'],
  ] as readonly Parameter[],
  /** The `oauth_*` parameters signed, in the order the vector lists them (no `oauth_signature`). */
  oauth: [
    ['oauth_consumer_key', 'ck-123'],
    ['oauth_nonce', '7d8f3e4a'],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', '1767225600'],
    ['oauth_version', '1.0'],
    ['oauth_callback', 'about:blank'],
  ] as readonly Parameter[],
  signature: 'Fg7YMRXKfqreVllxNyBlsWPmydA=',
} as const;

/** Every parameter vector B signs: the form fields, then the `oauth_*` parameters. */
export function vectorBParameters(): Parameter[] {
  return [...VECTOR_B.form, ...VECTOR_B.oauth].map(([name, value]): Parameter => [name, value]);
}
