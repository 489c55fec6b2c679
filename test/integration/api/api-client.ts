// A small client of the Email API for tests: JSON in, status, headers and JSON out.
export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ApiRequest {
  method?: string;
  token?: string | null;
  body?: unknown;
  /** Sent as is instead of JSON. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function api<T = Record<string, unknown>>(baseUrl: string, path: string, request: ApiRequest = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method: request.method ?? (request.body !== undefined || request.rawBody !== undefined ? 'POST' : 'GET'),
    headers,
    body: request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

/** The token of a credential as the Email API takes it. */
export const tokenOf = (issued: { username: string; secret: string }) => `${issued.username}.${issued.secret}`;
