/**
 * The HTML frame of every hub page. Every value that reaches a page goes through {@link escapeHtml};
 * pages carry a strict Content-Security-Policy (no scripts but the hub's own nonce'd ones).
 */

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export interface PageOptions {
  title: string;
  /** Already-escaped HTML of the page body. */
  body: string;
  status?: number;
  /** Who is signed in, shown in the header. */
  signedInAs?: string | undefined;
  sandbox?: boolean;
  /** A script nonce when the page runs an inline script. */
  scriptNonce?: string;
  /** Pages shown inside a tool's iframe (errors on the launch path) may be framed by the hub itself. */
  frameable?: boolean;
  headers?: Record<string, string>;
  /** Without the hub's header: for pages shown inside a tool's frame. */
  bare?: boolean;
}

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d2330;background:#f5f6f8}
header{background:#1d3557;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1rem;align-items:center}
header a{color:#fff;text-decoration:none;font-weight:600}header nav{display:flex;gap:1rem;flex:1}
header .who{font-size:.9rem;opacity:.9}.badge{background:#e9c46a;color:#1d2330;border-radius:3px;padding:0 .4rem;font-size:.8rem}
main{max-width:64rem;margin:1.2rem auto;padding:0 1.2rem}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #dde}
.card{background:#fff;border:1px solid #dde;border-radius:6px;padding:1rem;margin:0 0 1rem}
.error{background:#fdecea;border:1px solid #e63946;border-radius:6px;padding:.8rem 1rem}
.error h1{color:#b3261e;margin-top:0}.ok{background:#e8f5e9;border:1px solid #2a9d8f;border-radius:6px;padding:.8rem 1rem}
code{background:#eef;padding:0 .2rem;border-radius:3px}pre{background:#fff;border:1px solid #dde;padding:.6rem;overflow:auto}
iframe.tool{width:100%;height:70vh;border:1px solid #99a;border-radius:4px;background:#fff}
button{font:inherit;padding:.25rem .8rem;cursor:pointer}textarea{width:100%;font:13px monospace}
ul.plain{list-style:none;padding:0}ul.plain li{margin:.3rem 0}`;

/** Renders a full page as a Response. */
export function page(options: PageOptions): Response {
  const who = options.signedInAs === undefined ? '' : `<span class="who">Signed in as <b>${escapeHtml(options.signedInAs)}</b></span>`;
  const badge = options.sandbox === true ? ' <span class="badge">sandbox</span>' : '';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(options.title)} · ltikit hub</title><style>${STYLE}</style></head>
<body>${options.bare === true ? '' : `<header><nav><a href="/">ltikit hub</a>${badge}<a href="/admin/tools">Tools</a><a href="/admin/platforms">Platforms</a><a href="/admin/keys">Keys</a></nav>${who}</header>`}
<main>${options.body}</main></body></html>`;
  const scriptSource = options.scriptNonce === undefined ? "'none'" : `'nonce-${options.scriptNonce}'`;
  const frameAncestors = options.frameable === true ? "'self'" : "'none'";
  return new Response(html, {
    status: options.status ?? 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'self'; script-src ${scriptSource}; style-src 'unsafe-inline'; frame-src *; frame-ancestors ${frameAncestors}; form-action *; base-uri 'none'`,
      // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on the hub's own form posts, which the same-origin check refuses.
      'referrer-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
      ...options.headers,
    },
  });
}

/** A page saying what went wrong, with a stable code; never a stack trace. */
export function errorPage(options: { status: number; code: string; message: string; sandbox?: boolean; signedInAs?: string | undefined; frameable?: boolean }): Response {
  return page({
    title: 'Error',
    status: options.status,
    sandbox: options.sandbox ?? false,
    signedInAs: options.signedInAs,
    frameable: options.frameable ?? true,
    body: `<div class="error" role="alert"><h1>Something went wrong</h1><p>${escapeHtml(options.message)}</p><p>Error code: <code class="error-code">${escapeHtml(options.code)}</code></p></div><p><a href="/">Back to the hub</a></p>`,
  });
}
