import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { specComponentsSchema } from "../spec/openapi";

/**
 * Creates an ajv for draft 2020-12 with the formats OpenAPI uses. `strict: false` because OpenAPI
 * and Cog schemas carry annotations ajv does not know (`example`, `x-order`, `x-cog-*`).
 */
export function createAjv(options: { coerceTypes?: boolean; quiet?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    ...(options.quiet ? { logger: false as const } : {}),
    strict: false,
    allErrors: true,
    // Errors carry the offending value, so a message can say what type was given.
    verbose: true,
    useDefaults: true,
    coerceTypes: options.coerceTypes ?? false,
  });
  addFormats(ajv);
  return ajv;
}

let specAjv: Ajv2020 | undefined;
let parameterAjv: Ajv2020 | undefined;

/** The ajv that knows the spec's component schemas; created once per process. */
export function getSpecAjv(): Ajv2020 {
  if (!specAjv) {
    specAjv = createAjv();
    specAjv.addSchema(specComponentsSchema());
  }
  return specAjv;
}

/** The ajv for path, query and header parameters, which arrive as strings and are coerced. */
export function getParameterAjv(): Ajv2020 {
  if (!parameterAjv) parameterAjv = createAjv({ coerceTypes: true });
  return parameterAjv;
}
