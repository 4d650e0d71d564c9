// Writes docs/errors.md from the code registry in packages/ltikit/src/errors.ts.
// Run: node --import tsx scripts/generate-error-docs.ts
import { writeFileSync } from 'node:fs';
import { LTI_ERROR_CODES, describeErrorCode } from '../packages/ltikit/src/errors.ts';

const rows = LTI_ERROR_CODES.map((code) => {
  const { status, message, oauth } = describeErrorCode(code);
  return `| \`${code}\` | ${status} | ${oauth === undefined ? '' : `\`${oauth}\``} | ${message.replace(/\|/g, '\\|')} |`;
});
const text = `# Error codes

Every failure ltikit reports is an \`LtiError\` with one of these stable codes (\`error.code\`).
Compare codes, never messages. HTTP responses carry the code in the JSON body
(\`{"error", "code", "error_description"}\`) or on the error page. The tool side answers launch
failures with 4xx even when the status below is 5xx (an unreachable platform JWKS is the launch's
problem, not the tool's); only \`ERR_LTI_INTERNAL\` is a 500.

This file is generated from \`packages/ltikit/src/errors.ts\` by \`scripts/generate-error-docs.ts\`.

| Code | HTTP | OAuth \`error\` | Meaning |
| --- | --- | --- | --- |
${rows.join('\n')}
`;
writeFileSync(new URL('../docs/errors.md', import.meta.url), text);
console.log(`docs/errors.md: ${rows.length} codes`);
