/**
 * OpenAPI schemas are almost JSON Schema. The differences that matter to a validator are
 * `nullable: true` (OpenAPI 3.0, still used inside Replicate's 3.1 document and in Cog's model
 * schemas) and references relative to the whole document. This turns one into the other.
 */
export function normalizeSchema(schema: unknown, refBase = ""): unknown {
  if (Array.isArray(schema)) return schema.map((item) => normalizeSchema(item, refBase));
  if (schema === null || typeof schema !== "object") return schema;

  const source = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === "nullable") continue;
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/")) {
      out[key] = `${refBase}${value}`;
      continue;
    }
    // `properties` maps names to schemas; its keys are field names, never keywords.
    if (key === "properties" && value && typeof value === "object" && !Array.isArray(value)) {
      const properties: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(value)) {
        properties[name] = normalizeSchema(sub, refBase);
      }
      out[key] = properties;
      continue;
    }
    out[key] = normalizeSchema(value, refBase);
  }

  if (source.nullable === true) return allowNull(out);
  return out;
}

function allowNull(schema: Record<string, unknown>): Record<string, unknown> {
  const type = schema.type;
  if (typeof type === "string") {
    const widened: Record<string, unknown> = { ...schema, type: [type, "null"] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) {
      widened.enum = [...schema.enum, null];
    }
    return widened;
  }
  if (Array.isArray(type)) {
    return type.includes("null") ? schema : { ...schema, type: [...type, "null"] };
  }
  return { anyOf: [schema, { type: "null" }] };
}
