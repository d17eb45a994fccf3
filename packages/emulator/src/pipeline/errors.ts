import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import type { EmulatorLogger } from "../options";
import { ApiProblem, problemResponse, responseForProblem } from "../problem";
import { pathTemplateToRegExp, specOperations } from "../spec/openapi";
import type { EmulatorEnv } from "./context";

const OPERATION_PATHS = specOperations.map((op) => ({
  method: op.method,
  pattern: pathTemplateToRegExp(`/v1${op.path}`),
}));

/** Unknown paths are 404s; a known path with the wrong method is a 405 with `Allow`. */
export const answerNotFound: NotFoundHandler<EmulatorEnv> = (c: Context<EmulatorEnv>) => {
  const allowed = OPERATION_PATHS.filter((op) => op.pattern.test(c.req.path)).map(
    (op) => op.method,
  );
  if (allowed.length > 0) {
    return responseForProblem(
      new ApiProblem(
        405,
        `${c.req.method} is not allowed on ${c.req.path}; use ${allowed.join(", ")}.`,
        {
          headers: { allow: allowed.join(", ") },
        },
      ),
    );
  }
  return responseForProblem(new ApiProblem(404, "Not found."));
};

/**
 * Turns thrown {@link ApiProblem}s into their problem responses; anything else is an emulator bug,
 * logged and answered with a 500 in the same shape, so a client never sees a bare crash.
 */
export function answerErrors(logger: EmulatorLogger): ErrorHandler<EmulatorEnv> {
  return (error, c) => {
    if (error instanceof ApiProblem) return responseForProblem(error);
    const message = error instanceof Error ? error.message : String(error);
    logger.error(
      `Unexpected error handling ${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? message) : message}`,
    );
    return problemResponse(500, {
      title: "Internal server error",
      detail: `The emulator failed to handle this request: ${message}`,
      status: 500,
    });
  };
}
