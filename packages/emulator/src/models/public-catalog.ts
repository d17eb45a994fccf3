import { hashString } from "../ids";
import { drawPicture } from "./draw-png";
import { hasIteratorOutput } from "./input-validation";
import { encodePng } from "./png";
import { progressSteps } from "./progress";
import {
  type ModelBehaviour,
  type ModelDefinition,
  ModelFailure,
  type RecordedExample,
  type RunContext,
  type TrainerBehaviour,
} from "./types";

/** A model as the `all-the-public-replicate-models` package stores it (the API's model object). */
export interface CatalogModel {
  owner: string;
  name: string;
  description?: string | null;
  url?: string;
  run_count?: number;
  created_at?: string;
  cover_image_url?: string | null;
  github_url?: string | null;
  paper_url?: string | null;
  license_url?: string | null;
  weights_url?: string | null;
  latest_version?: {
    id: string;
    created_at?: string;
    cog_version?: string | null;
    openapi_schema?: Record<string, unknown> | null;
  } | null;
  default_example?: RecordedExample | null;
}

/** The npm package with Replicate's public catalogue; optional, so never imported statically. */
export const CATALOG_PACKAGE = "all-the-public-replicate-models";

const IMAGE_EXTENSIONS = new Set(["png", "jpg", "jpeg", "webp", "gif", "bmp"]);
const CONTENT_TYPES: Record<string, string> = {
  mp3: "audio/mpeg",
  wav: "audio/wav",
  ogg: "audio/ogg",
  flac: "audio/flac",
  mp4: "video/mp4",
  webm: "video/webm",
  mov: "video/quicktime",
  gif: "image/gif",
  txt: "text/plain",
  json: "application/json",
  zip: "application/zip",
  tar: "application/x-tar",
  glb: "model/gltf-binary",
  obj: "model/obj",
};

function fileUrl(value: string): URL | undefined {
  if (!/^https?:\/\//.test(value)) return undefined;
  try {
    const url = new URL(value);
    return /\.[A-Za-z0-9]{2,5}$/.test(url.pathname) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Replaces each file URL in a recorded output with a file the emulator serves itself: images
 * become a PNG drawn from the input, other files a small placeholder with the right name and type.
 * Everything else is kept, so the output has the shape of the recorded one.
 */
function localizeOutput(value: unknown, context: RunContext, seed: number): unknown {
  if (typeof value === "string") {
    const url = fileUrl(value);
    if (!url) return value;
    const original = url.pathname.split("/").pop() ?? "output";
    const extension = (original.split(".").pop() ?? "").toLowerCase();
    if (IMAGE_EXTENSIONS.has(extension)) {
      const bytes = encodePng(256, 256, drawPicture(256, 256, seed, "cool"));
      return context.publishFile(bytes, {
        filename: original.replace(/\.[^.]+$/, ".png"),
        contentType: "image/png",
      });
    }
    const text = `Placeholder for ${original}, an output the replicate-ts emulator does not compute.\n`;
    return context.publishFile(new TextEncoder().encode(text), {
      filename: original,
      contentType: CONTENT_TYPES[extension] ?? "application/octet-stream",
    });
  }
  if (Array.isArray(value))
    return value.map((item, index) => localizeOutput(item, context, seed + index));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, localizeOutput(item, context, seed)]),
    );
  }
  return value;
}

function replay(model: CatalogModel, example: RecordedExample, iterator: boolean): ModelBehaviour {
  const recorded =
    typeof example.metrics?.predict_time === "number" ? example.metrics.predict_time : 1;
  const durationMs = Math.min(30, Math.max(0.2, recorded)) * 1000;
  return function* (context) {
    const seed = hashString(JSON.stringify(context.input)) % 1_000_000;
    yield {
      log: `Replaying the recorded output of ${model.owner}/${model.name} (replicate-ts emulator)`,
    };
    if (example.status === "failed") {
      yield { sleep: durationMs };
      throw new ModelFailure(example.error ?? "The recorded prediction failed.");
    }
    if (iterator && Array.isArray(example.output) && example.output.length > 0) {
      const items = example.output;
      for (const [index, item] of items.entries()) {
        yield { output: localizeOutput(item, context, seed + index) };
        yield { sleep: durationMs / items.length };
      }
      return null;
    }
    yield* progressSteps(100, durationMs, 5);
    return localizeOutput(example.output, context, seed);
  };
}

function replayTrainer(
  model: CatalogModel,
  schema: Record<string, unknown>,
  behaviour: ModelBehaviour,
): TrainerBehaviour {
  const predictSchema = structuredClone(schema);
  const schemas = (predictSchema.components as { schemas?: Record<string, unknown> } | undefined)
    ?.schemas;
  if (schemas) {
    delete schemas.TrainingInput;
    delete schemas.TrainingOutput;
  }
  return function* () {
    yield {
      log: `Training ${model.owner}/${model.name} (replicate-ts emulator: nothing is learned)`,
    };
    yield* progressSteps(100, 2000, 5);
    return {
      openapiSchema: predictSchema,
      behaviour,
      weights: {
        bytes: new TextEncoder().encode("placeholder weights from the replicate-ts emulator\n"),
        filename: "weights.tar",
        contentType: "application/x-tar",
      },
    };
  };
}

/** Turns one catalogue entry into a model the emulator serves, or `undefined` if it is unusable. */
export function catalogDefinition(model: CatalogModel): ModelDefinition | undefined {
  const version = model.latest_version;
  const example = model.default_example;
  const schema = version?.openapi_schema;
  if (!version || !schema || !example || !model.owner || !model.name) return undefined;
  const behaviour = replay(model, example, hasIteratorOutput(schema));
  const components = (schema.components as { schemas?: Record<string, unknown> } | undefined)
    ?.schemas;
  const description = model.description ?? "";
  const created = version.created_at ?? model.created_at ?? "2023-01-01T00:00:00Z";
  return {
    owner: model.owner,
    name: model.name,
    description,
    readme: `# ${model.owner}/${model.name}\n\n${description}\n\nServed by the replicate-ts emulator from the public catalogue: inputs are checked against this model's real schema; outputs replay its default example.\n`,
    ...(model.github_url ? { githubUrl: model.github_url } : {}),
    ...(model.paper_url ? { paperUrl: model.paper_url } : {}),
    ...(model.license_url ? { licenseUrl: model.license_url } : {}),
    ...(model.cover_image_url ? { coverImageUrl: model.cover_image_url } : {}),
    ...(model.weights_url ? { weightsUrl: model.weights_url } : {}),
    tags: [],
    runCount: model.run_count ?? 0,
    hardware: "gpu-l40s",
    createdAt: model.created_at ?? created,
    version: {
      id: version.id,
      cogVersion: version.cog_version ?? "unknown",
      createdAt: created,
      openapiSchema: schema,
      behaviour,
      ...(components?.TrainingInput ? { trainer: replayTrainer(model, schema, behaviour) } : {}),
    },
    recordedExample: example,
  };
}

/**
 * Loads Replicate's public models from the optional `all-the-public-replicate-models` package
 * (imported at run time only, and only when asked for).
 *
 * @param importer how to import the package; tests may pass a stand-in
 */
export async function loadPublicCatalog(
  importer: () => Promise<{ default: unknown }> = () => import(/* @vite-ignore */ CATALOG_PACKAGE),
): Promise<ModelDefinition[]> {
  let loaded: { default: unknown };
  try {
    loaded = await importer();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (
      code === "ERR_MODULE_NOT_FOUND" ||
      code === "MODULE_NOT_FOUND" ||
      /Cannot find (module|package)/.test(String(error))
    ) {
      throw new Error(
        `The "public" catalog needs the ${CATALOG_PACKAGE} package; install it beside the emulator (npm install ${CATALOG_PACKAGE}) or use catalog: "builtin".`,
      );
    }
    throw error;
  }
  if (!Array.isArray(loaded.default)) {
    throw new Error(
      `The ${CATALOG_PACKAGE} package did not export a list of models; reinstall it.`,
    );
  }
  return (loaded.default as CatalogModel[])
    .map(catalogDefinition)
    .filter((definition): definition is ModelDefinition => definition !== undefined);
}
