// The small HTML pages recipients see: the unsubscribe confirmation and its result, and a
// page for links that are not (or no longer) valid. No scripts, no external resources.

export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The token in the URL must not travel to other sites as a referrer.
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}` +
    `button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:4px;background:#1d4ed8;color:#fff;cursor:pointer}</style></head>` +
    `<body><main>${body}</main></body></html>`;
}

/** Shows whose address and which sender; the reader confirms with a POST (RFC 8058 §3.2: a GET never unsubscribes). */
export function confirmPage(maskedAddress: string, senderDomain: string): string {
  return page('Unsubscribe', `<h1>Unsubscribe</h1><p>Stop mail from <strong>${escapeHtml(senderDomain)}</strong> to <strong>${escapeHtml(maskedAddress)}</strong>?</p>` +
    '<form method="post"><input type="hidden" name="via" value="page"><button type="submit" data-testid="unsubscribe-confirm">Unsubscribe</button></form>');
}

export function donePage(maskedAddress: string, senderDomain: string): string {
  return page('Unsubscribed', `<h1 data-testid="unsubscribed">You are unsubscribed</h1><p><strong>${escapeHtml(maskedAddress)}</strong> will get no more mail from ` +
    `<strong>${escapeHtml(senderDomain)}</strong> through this relay.</p>`);
}

export function problemPage(title: string, message: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`);
}

/** `ad***@example.com`: enough for the reader to recognise, not enough for whoever the mail was forwarded to. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length))}***${address.slice(at)}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
