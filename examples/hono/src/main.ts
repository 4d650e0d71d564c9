// Starts the example on http://localhost:3003 (or $PORT): the LMS page at /, the platform under
// /lms, the tool under /tool. Plain http on localhost is for local development only.
import { startExample } from './app.js';

const { origin } = await startExample({ host: 'localhost', port: Number(process.env.PORT ?? 3003), allowInsecureLoopback: true });
console.log(`Example LMS:   ${origin}/  (press "Launch")`);
console.log(`Platform:      ${origin}/lms/.well-known/openid-configuration`);
console.log(`Tool login:    ${origin}/tool/login   launch: ${origin}/tool/launch`);
