/** A small JSON client for API tests: the status, the parsed answer and the headers. */
export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** `token`: sent as `Authorization: Bearer <token>` on every request (a request's own headers may override it). */
export function jsonClient(baseUrl: string, token?: string) {
  return async function request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer<T>> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text, for the assertion to show
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  };
}
