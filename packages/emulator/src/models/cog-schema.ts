/**
 * Builds the `openapi_schema` of a Cog model version: the document Cog generates, with
 * `components.schemas.Input` / `Output` (and `TrainingInput` / `TrainingOutput` for trainable
 * models). Enumerations are separate components referenced through `allOf`, as Cog writes them.
 */
export interface CogSchemaParts {
  input: CogObjectSchema;
  output: Record<string, unknown>;
  trainingInput?: CogObjectSchema;
  /** Enumerations referenced by the inputs, by component name. */
  enums?: Record<string, { values: (string | number)[]; description?: string }>;
}

/** An object schema in Cog's style: properties with `x-order`, `title` and `description`. */
export interface CogObjectSchema {
  required?: string[];
  properties: Record<string, Record<string, unknown>>;
}

function titleCase(name: string): string {
  return name
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

function cogObject(title: string, schema: CogObjectSchema): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  Object.entries(schema.properties).forEach(([name, property], order) => {
    properties[name] = { title: titleCase(name), ...property, "x-order": order };
  });
  return {
    type: "object",
    title,
    ...(schema.required && schema.required.length > 0 ? { required: schema.required } : {}),
    properties,
  };
}

const STATUS_ENUM = {
  type: "string",
  enum: ["starting", "processing", "succeeded", "canceled", "failed"],
  title: "Status",
  description: "An enumeration.",
};

/** Assembles a version's `openapi_schema` as Cog would publish it. */
export function cogOpenApiSchema(parts: CogSchemaParts): Record<string, unknown> {
  const schemas: Record<string, unknown> = {
    Input: cogObject("Input", parts.input),
    Output: { title: "Output", ...parts.output },
    Status: STATUS_ENUM,
    ValidationError: {
      type: "object",
      title: "ValidationError",
      required: ["loc", "msg", "type"],
      properties: {
        loc: {
          type: "array",
          items: { anyOf: [{ type: "string" }, { type: "integer" }] },
          title: "Location",
        },
        msg: { type: "string", title: "Message" },
        type: { type: "string", title: "Error Type" },
      },
    },
    PredictionRequest: {
      type: "object",
      title: "PredictionRequest",
      properties: {
        id: { type: "string", title: "Id" },
        input: { $ref: "#/components/schemas/Input" },
        webhook: {
          type: "string",
          title: "Webhook",
          format: "uri",
          maxLength: 65536,
          minLength: 1,
        },
        created_at: { type: "string", title: "Created At", format: "date-time" },
        output_file_prefix: { type: "string", title: "Output File Prefix" },
        webhook_events_filter: {
          type: "array",
          items: { $ref: "#/components/schemas/WebhookEvent" },
          default: ["start", "output", "logs", "completed"],
        },
      },
    },
    PredictionResponse: {
      type: "object",
      title: "PredictionResponse",
      properties: {
        id: { type: "string", title: "Id" },
        logs: { type: "string", title: "Logs", default: "" },
        error: { type: "string", title: "Error" },
        input: { $ref: "#/components/schemas/Input" },
        output: { $ref: "#/components/schemas/Output" },
        status: { $ref: "#/components/schemas/Status" },
        metrics: { type: "object", title: "Metrics" },
        version: { type: "string", title: "Version" },
        created_at: { type: "string", title: "Created At", format: "date-time" },
        started_at: { type: "string", title: "Started At", format: "date-time" },
        completed_at: { type: "string", title: "Completed At", format: "date-time" },
      },
    },
    WebhookEvent: {
      type: "string",
      enum: ["start", "output", "logs", "completed"],
      title: "WebhookEvent",
      description: "An enumeration.",
    },
  };
  for (const [name, definition] of Object.entries(parts.enums ?? {})) {
    schemas[name] = {
      type: typeof definition.values[0] === "number" ? "integer" : "string",
      enum: definition.values,
      title: name,
      description: definition.description ?? "An enumeration.",
    };
  }
  const paths: Record<string, unknown> = {
    "/": {
      get: {
        summary: "Root",
        operationId: "root__get",
        responses: { "200": { description: "Successful Response" } },
      },
    },
    "/predictions": {
      post: {
        summary: "Predict",
        operationId: "predict_predictions_post",
        requestBody: {
          content: {
            "application/json": { schema: { $ref: "#/components/schemas/PredictionRequest" } },
          },
        },
        responses: {
          "200": {
            description: "Successful Response",
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/PredictionResponse" } },
            },
          },
        },
      },
    },
  };
  if (parts.trainingInput) {
    schemas.TrainingInput = cogObject("TrainingInput", parts.trainingInput);
    schemas.TrainingOutput = {
      type: "object",
      title: "TrainingOutput",
      required: ["weights"],
      properties: { weights: { type: "string", title: "Weights", format: "uri" } },
    };
    paths["/trainings"] = {
      post: {
        summary: "Train",
        operationId: "train_trainings_post",
        responses: { "200": { description: "Successful Response" } },
      },
    };
  }
  return {
    openapi: "3.0.2",
    info: { title: "Cog", version: "0.1.0" },
    paths,
    components: { schemas },
  };
}
