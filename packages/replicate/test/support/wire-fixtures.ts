import type {
  AccountWire,
  CollectionSummaryWire,
  DeploymentWire,
  HardwareWire,
  ModelsCollectionWire,
  ModelVersionWire,
  ModelWire,
  SearchResultsWire,
  TrainingWire,
} from "replicate-ts";
import { predictionWire } from "./predictions";

/**
 * Answers in the API's wire shapes, for test servers. Each follows the spec's response schema
 * (checked in contract.test.ts), with fields overridable per test.
 */

export const VERSION_ID = "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";
export const TRAINED_VERSION_ID =
  "b0a4c4c2f0e1d1c3a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b8";

export function versionWire(overrides: Partial<ModelVersionWire> = {}): ModelVersionWire {
  return {
    id: VERSION_ID,
    created_at: "2025-01-02T03:04:05.000Z",
    cog_version: "0.13.6",
    openapi_schema: {
      components: {
        schemas: {
          Input: { type: "object", properties: { text: { type: "string" } } },
        },
      },
    },
    ...overrides,
  };
}

export function modelWire(origin: string, overrides: Partial<ModelWire> = {}): ModelWire {
  return {
    url: "https://replicate.com/replicate/hello-world",
    owner: "replicate",
    name: "hello-world",
    description: "A tiny model that says hello",
    visibility: "public",
    github_url: "https://github.com/replicate/cog-examples",
    paper_url: null,
    license_url: "https://www.apache.org/licenses/LICENSE-2.0",
    cover_image_url: null,
    run_count: 12345,
    is_official: false,
    default_example: predictionWire(origin, { id: "example1", status: "succeeded" }),
    latest_version: versionWire(),
    ...overrides,
  };
}

export function collectionSummaryWire(
  overrides: Partial<CollectionSummaryWire> = {},
): CollectionSummaryWire {
  return {
    name: "Super resolution",
    slug: "super-resolution",
    description: "Upscaling models that create high-quality images from low-quality images.",
    ...overrides,
  };
}

export function collectionWire(
  origin: string,
  overrides: Partial<ModelsCollectionWire> = {},
): ModelsCollectionWire {
  return {
    ...collectionSummaryWire(),
    full_description: "## Super resolution\n\nMake small images large.",
    models: [modelWire(origin), modelWire(origin, { owner: "nightmareai", name: "real-esrgan" })],
    ...overrides,
  };
}

export function deploymentWire(overrides: Partial<DeploymentWire> = {}): DeploymentWire {
  return {
    owner: "acme",
    name: "image-maker",
    current_release: {
      number: 3,
      model: "replicate/hello-world",
      version: VERSION_ID,
      created_at: "2025-02-15T16:32:57.018Z",
      created_by: {
        type: "organization",
        username: "acme",
        name: "Acme Corp, Inc.",
        avatar_url: "https://cdn.replicate.com/avatars/acme.png",
        github_url: "https://github.com/acme",
      },
      configuration: { hardware: "gpu-t4", min_instances: 1, max_instances: 5 },
    },
    ...overrides,
  };
}

export function trainingWire(origin: string, overrides: Partial<TrainingWire> = {}): TrainingWire {
  const id = overrides.id ?? "t1";
  return {
    id,
    model: "replicate/hello-world",
    version: VERSION_ID,
    input: { input_images: "https://example.com/images.zip" },
    logs: "",
    error: null,
    status: "starting",
    source: "api",
    created_at: "2025-03-01T10:00:00.000Z",
    urls: {
      get: `${origin}/v1/trainings/${id}`,
      cancel: `${origin}/v1/trainings/${id}/cancel`,
    },
    ...overrides,
  };
}

/** A training that ended well: its output names the version it created. */
export function succeededTrainingWire(
  origin: string,
  overrides: Partial<TrainingWire> = {},
): TrainingWire {
  return trainingWire(origin, {
    status: "succeeded",
    logs: "training done\n",
    started_at: "2025-03-01T10:00:01.000Z",
    completed_at: "2025-03-01T10:05:00.000Z",
    metrics: { predict_time: 298.5, total_time: 300 },
    output: {
      version: `alice/hello-trained:${TRAINED_VERSION_ID}`,
      weights: "https://example.com/weights.tar",
    },
    ...overrides,
  });
}

export function accountWire(overrides: Partial<AccountWire> = {}): AccountWire {
  return {
    type: "user",
    username: "alice",
    name: "Alice Liddell",
    github_url: "https://github.com/alice",
    avatar_url: "https://cdn.replicate.com/avatars/alice.png",
    ...overrides,
  };
}

export function hardwareWire(): HardwareWire[] {
  return [
    { name: "CPU", sku: "cpu" },
    { name: "Nvidia T4 GPU", sku: "gpu-t4" },
  ];
}

export function searchWire(origin: string, query = "hello"): SearchResultsWire {
  return {
    query,
    models: [
      {
        model: modelWire(origin),
        metadata: {
          generated_description: "Says hello to whoever you name.",
          score: 1.25,
          tags: ["text", "greeting"],
        },
      },
    ],
    collections: [
      {
        name: "Language models",
        slug: "language-models",
        description: "Models that read and write text.",
        models: ["replicate/hello-world"],
      },
    ],
    pages: [{ name: "Getting started", href: "/docs/get-started" }],
  };
}

/** A paginated answer; `next` and `previous` are absolute cursor URLs, as the API gives. */
export function pageWire<Item>(
  results: Item[],
  cursors: { next?: string | null; previous?: string | null } = {},
): { results: Item[]; next: string | null; previous: string | null } {
  return { results, next: cursors.next ?? null, previous: cursors.previous ?? null };
}
