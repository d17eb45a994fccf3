/** The token tests send; the emulator accepts any non-empty token by default. */
export const TOKEN = "r8_emulator_test_token";

/** A response read whole: status, headers, and the body parsed as JSON when it is JSON. */
export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** Options of one {@link ApiCaller} call. */
export interface CallOptions {
  body?: unknown;
  /** Sent as is instead of JSON. */
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  /** Leave out the Authorization header. */
  anonymous?: boolean;
}

/** Calls the emulator over real HTTP with a token and JSON. */
export type ApiCaller = <T = Record<string, unknown>>(
  method: string,
  path: string,
  options?: CallOptions,
) => Promise<ApiResponse<T>>;

/** An {@link ApiCaller} for `baseUrl` (paths are relative to it, or absolute URLs). */
export function apiCaller(
  baseUrl: string,
  token = TOKEN,
  fetchImpl: typeof fetch = fetch,
): ApiCaller {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (!options.anonymous) headers.authorization ??= `Bearer ${token}`;
    let body: BodyInit | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const url = path.startsWith("http") ? path : `${baseUrl}${path}`;
    const response = await fetchImpl(url, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    if ((response.headers.get("content-type") ?? "").includes("json") && text !== "")
      parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as never, text };
  };
}

/** Polls `GET path` until `done(body)` holds; the emulator's fast clock makes this quick. */
export async function pollUntil<T>(
  api: ApiCaller,
  path: string,
  done: (body: T) => boolean,
  { attempts = 400, intervalMs = 10 } = {},
): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const response = await api<T>("GET", path);
    if (done(response.body)) return response.body;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Gave up waiting on ${path}.`);
}

/** Whether a prediction or training status is terminal. */
export function isTerminalStatus(status: unknown): boolean {
  return (
    status === "succeeded" || status === "failed" || status === "canceled" || status === "aborted"
  );
}
