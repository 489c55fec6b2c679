// One webhook POST with undici's fetch: a timeout, no redirects (a signed request is for
// the URL configured, nowhere else), and the first kilobyte of the answer for the log.
export interface PostResult {
  /** Null when no response came. */
  status: number | null;
  isSuccess: boolean;
  /** Why it failed, in a sentence. */
  error: string | null;
  responseExcerpt: string | null;
}

const EXCERPT_BYTES = 1024;

export async function postWebhook(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostResult> {
  // AbortSignal.timeout's timer does not hold the process open.
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal });
    const excerpt = await readExcerpt(response);
    const isSuccess = response.status >= 200 && response.status < 300;
    return { status: response.status, isSuccess, responseExcerpt: excerpt, error: isSuccess ? null : describeStatus(response) };
  } catch (error) {
    return { status: null, isSuccess: false, responseExcerpt: null, error: signal.aborted ? `No response within ${timeoutMs} ms.` : describeFailure(error) };
  }
}

async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < EXCERPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  // The rest is not needed; cancelling lets the connection go.
  await reader.cancel().catch(() => {});
  const text = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
  return text.length ? text : null;
}

function describeStatus(response: Response): string {
  if (response.status >= 300 && response.status < 400) {
    return `The endpoint redirected (${response.status}) to ${response.headers.get('location') ?? 'another URL'}; webhooks do not follow redirects, configure the final URL.`;
  }
  return `The endpoint answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}; only 2xx counts as received.`;
}

// fetch reports network failures (refused, reset, TLS) as TypeError('fetch failed') with the
// system error as its cause.
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `No answer from the endpoint: ${cause.message ?? cause.code} (${cause.code}).`;
  return `No answer from the endpoint: ${error instanceof Error ? error.message : String(error)}.`;
}
