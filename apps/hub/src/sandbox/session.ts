/**
 * Who is using the hub: a short signed cookie (HS256 through jose, with a secret kept in the
 * database so every process reads the same one). It names the person the sandbox user picked and
 * whether the admin token was presented. No server-side state: any process can read it.
 */
import { SignJWT, jwtVerify } from 'jose';

export const SESSION_COOKIE = 'ltikit_hub_session';
const SESSION_SECONDS = 8 * 3600;

export interface HubSession {
  personId?: string;
  admin?: boolean;
}

export class SessionCodec {
  readonly #key: Uint8Array;
  readonly #secure: boolean;

  constructor(secret: string, options: { secure: boolean }) {
    this.#key = new TextEncoder().encode(secret);
    this.#secure = options.secure;
  }

  async read(request: Request): Promise<HubSession> {
    const token = readCookie(request.headers.get('cookie'), SESSION_COOKIE);
    if (token === undefined) return {};
    try {
      const { payload } = await jwtVerify(token, this.#key, { algorithms: ['HS256'], audience: 'ltikit-hub-session' });
      const session: HubSession = {};
      if (typeof payload.sub === 'string') session.personId = payload.sub;
      if (payload.adm === true) session.admin = true;
      return session;
    } catch {
      return {};
    }
  }

  /** The Set-Cookie value for `session`. */
  async cookie(session: HubSession): Promise<string> {
    const builder = new SignJWT(session.admin === true ? { adm: true } : {})
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience('ltikit-hub-session')
      .setIssuedAt()
      .setExpirationTime(`${SESSION_SECONDS}s`);
    if (session.personId !== undefined) builder.setSubject(session.personId);
    const token = await builder.sign(this.#key);
    // Lax: the tool's redirect back to /lti/authorize is a navigation of the hub's own frame.
    return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_SECONDS}${this.#secure ? '; Secure' : ''}`;
  }
}

/** One cookie's value from a Cookie header. */
export function readCookie(header: string | null, name: string): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}
