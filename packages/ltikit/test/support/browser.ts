// A minimal browser for launch tests: keeps cookies per origin, follows redirects by hand and
// submits auto-submitting forms the way a browser would (over real HTTP).

export interface FormPost {
  action: string;
  fields: Record<string, string>;
}

/** Reads the single form of an auto-submitting page. */
export function parseForm(html: string): FormPost {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`No form in page: ${html.slice(0, 200)}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[decodeHtml(match[1]!)] = decodeHtml(match[2]!);
  }
  return { action: decodeHtml(action), fields };
}

/** Undoes the HTML escaping of attribute values in the pages both sides write. */
export function decodeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Who a request's `lms_session` cookie says is signed in: the platform session that
 * {@link TestBrowser.signIn} opens, as the tests' platforms read it (their `currentUser`, OIDC-023).
 */
export function lmsSessionUser(request: Request): string | undefined {
  return /(?:^|; )lms_session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1];
}

export class TestBrowser {
  readonly cookies = new Map<string, Map<string, string>>();
  readonly #fetch: typeof fetch;

  /** `fetchImpl` routes the browser's requests, e.g. straight into `platform.fetch`/`tool.fetch` (no socket). Default: real HTTP. */
  constructor(fetchImpl: typeof fetch = (input, init) => fetch(input, init)) {
    this.#fetch = fetchImpl;
  }

  /** Signs in to the platform at `origin` as `userId`: the `lms_session` cookie the tests' platforms read as their session (OIDC-023). */
  signIn(origin: string, userId: string): this {
    this.cookies.set(origin, new Map([['lms_session', userId]]));
    return this;
  }

  cookieHeader(url: string): string {
    const jar = this.cookies.get(new URL(url).origin);
    return jar === undefined ? '' : [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  #store(url: string, response: Response): void {
    const origin = new URL(url).origin;
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      const jar = this.cookies.get(origin) ?? new Map<string, string>();
      this.cookies.set(origin, jar);
      if (/max-age=0/i.test(cookie)) jar.delete(name);
      else jar.set(name, value);
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie !== '') headers.set('cookie', cookie);
    if (!headers.has('accept')) headers.set('accept', 'text/html');
    const response = await this.#fetch(url, { ...init, headers, redirect: 'manual' });
    this.#store(url, response);
    return response;
  }

  /** GET, following redirects. */
  async get(url: string): Promise<{ response: Response; url: string }> {
    let current = url;
    for (let hop = 0; hop < 10; hop++) {
      const response = await this.request(current);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        current = new URL(location, current).href;
        continue;
      }
      return { response, url: current };
    }
    throw new Error('Too many redirects');
  }

  async submit(form: FormPost): Promise<Response> {
    return this.request(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
    });
  }

  /** The whole launch: login URL → (302) authorization endpoint → form_post → the tool's answer. */
  async launch(loginUrl: string): Promise<{ response: Response; form: FormPost }> {
    const { response: page } = await this.get(loginUrl);
    if (page.status !== 200) throw new Error(`Authorization page answered ${page.status}: ${await page.text()}`);
    const form = parseForm(await page.text());
    return { response: await this.submit(form), form };
  }
}
