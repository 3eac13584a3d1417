// A small HTTP client for the REST API tests: real requests against the running app.
export type ApiResponse<T = unknown> = { status: number; headers: Headers; body: T; text: string };

export type ErrorEnvelope = {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
};

type RequestOptions = {
  // A value to send as JSON, or a string sent as it is (for malformed JSON).
  body?: unknown;
  headers?: Record<string, string>;
  token?: string | null;
};

export function apiClient(baseUrl: string, token: string) {
  async function request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const credential = options.token === undefined ? token : options.token;
    if (credential !== null) headers.authorization ??= `Bearer ${credential}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = null;
    if (text !== "") parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  return {
    request,
    get: <T = unknown>(path: string, options?: RequestOptions) => request<T>("GET", path, options),
    post: <T = unknown>(path: string, body: unknown, options?: RequestOptions) =>
      request<T>("POST", path, { ...options, body }),
    patch: <T = unknown>(path: string, body: unknown, options?: RequestOptions) =>
      request<T>("PATCH", path, { ...options, body }),
    delete: <T = unknown>(path: string, options?: RequestOptions) => request<T>("DELETE", path, options),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;
