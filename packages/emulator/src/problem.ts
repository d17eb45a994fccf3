/**
 * The API's error shape: RFC 9457 problem details as Replicate sends them,
 * `{ "title": ..., "detail": ..., "status": ... }` with `Content-Type: application/problem+json`.
 */
export interface ProblemBody {
  title: string;
  detail: string;
  status: number;
  /** Replicate adds this to input validation errors: one entry per offending field. */
  invalid_fields?: InvalidField[];
}

/** One field that failed validation, as in Replicate's 422 responses. */
export interface InvalidField {
  type: string;
  field: string;
  description: string;
}

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthenticated",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Request entity too large",
  415: "Unsupported media type",
  422: "Unprocessable entity",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

/** A generic title for a status code. */
export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? "Server error" : "Request failed");
}

/**
 * Thrown anywhere in a handler to answer with a problem response; the app's error handler turns
 * it into the response, so handlers read top to bottom without error plumbing.
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly headers: Record<string, string>;
  readonly invalidFields: InvalidField[] | undefined;

  constructor(
    status: number,
    detail: string,
    options: {
      title?: string;
      headers?: Record<string, string>;
      invalidFields?: InvalidField[];
    } = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
    this.status = status;
    this.title = options.title ?? titleFor(status);
    this.detail = detail;
    this.headers = options.headers ?? {};
    this.invalidFields = options.invalidFields;
  }

  toBody(): ProblemBody {
    const body: ProblemBody = { title: this.title, detail: this.detail, status: this.status };
    if (this.invalidFields) body.invalid_fields = this.invalidFields;
    return body;
  }
}

/**
 * A 422 about one field, in the shape of the API's validation errors: the detail is
 * `- <field>: <description>` and `invalid_fields` names the field.
 *
 * @param type the `invalid_fields` type, e.g. `pattern` or `enum` @default "invalid"
 */
export function invalidField(
  field: string,
  description: string,
  options: { type?: string; title?: string } = {},
): ApiProblem {
  return new ApiProblem(422, `- ${field}: ${description}`, {
    ...(options.title ? { title: options.title } : {}),
    invalidFields: [{ type: options.type ?? "invalid", field, description }],
  });
}

/** A 404 with the API's wording. */
export function notFound(detail = "Not found."): ApiProblem {
  return new ApiProblem(404, detail);
}

/** Builds a problem response. */
export function problemResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

/** Turns an {@link ApiProblem} into its response. */
export function responseForProblem(problem: ApiProblem): Response {
  return problemResponse(problem.status, problem.toBody(), problem.headers);
}
