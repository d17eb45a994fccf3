import { runToCompletion } from "../engine/run-to-completion";
import { BUILTIN_MODELS } from "../models/builtin";
import { validateModelInput } from "../models/input-validation";
import type { ModelDefinition, RecordedExample } from "../models/types";
import type { CollectionRecord } from "./collections";
import type { EmulatorStore } from "./index";
import { type JobRecord, type JobStatus, type NewJobFields, newJob } from "./jobs";

const BUILTIN_COLLECTIONS: CollectionRecord[] = [
  {
    slug: "emulator-models",
    name: "Emulator models",
    description: "Every model the replicate-ts emulator serves out of the box.",
    fullDescription:
      "## Emulator models\n\nDeterministic models for developing and testing offline: hello-world, streaming text, PNG drawing, a slow model, a failing model and a trainable one.",
    models: BUILTIN_MODELS.map((m) => `${m.owner}/${m.name}`),
  },
  {
    slug: "streaming-language-models",
    name: "Streaming language models",
    description: "Language models that stream their output token by token.",
    fullDescription: null,
    models: ["replicate-ts/stream-text"],
  },
  {
    slug: "text-to-image",
    name: "Text to image",
    description: "Models that draw images from a text prompt.",
    fullDescription: null,
    models: ["replicate-ts/draw-png"],
  },
  {
    slug: "trainable-language-models",
    name: "Trainable models",
    description: "Models you can fine-tune with the trainings API.",
    fullDescription: null,
    models: ["replicate-ts/trainable"],
  },
];

/** Adds a model definition (built-in or from the public catalogue) with its version and example. */
export function addModelDefinition(store: EmulatorStore, definition: ModelDefinition): void {
  const modelRef = `${definition.owner}/${definition.name}`;
  const versionCreated = Date.parse(definition.version.createdAt);
  const model = store.models.add({
    owner: definition.owner,
    name: definition.name,
    sequence: store.nextSequence(),
    description: definition.description,
    visibility: "public",
    hardware: definition.hardware,
    githubUrl: definition.githubUrl ?? null,
    paperUrl: definition.paperUrl ?? null,
    licenseUrl: definition.licenseUrl ?? null,
    weightsUrl: definition.weightsUrl ?? null,
    coverImageUrl: definition.coverImageUrl ?? null,
    readme: definition.readme,
    runCount: definition.runCount,
    createdAt: Date.parse(definition.createdAt),
    isOfficial: definition.isOfficial ?? false,
    ownedByAccount: false,
    tags: definition.tags,
    examples: [],
  });
  store.versions.add({
    id: definition.version.id,
    model: modelRef,
    sequence: store.nextSequence(),
    createdAt: versionCreated,
    cogVersion: definition.version.cogVersion,
    openapiSchema: definition.version.openapiSchema,
    behaviour: definition.version.behaviour,
    trainer: definition.version.trainer,
  });

  if (definition.recordedExample) {
    model.examples.push(recordedJob(store, modelRef, definition.recordedExample));
  } else if (definition.exampleInput) {
    model.examples.push(runExample(store, definition, definition.exampleInput));
  }
}

/** A model's example prediction: made on the web, finished, never the account's own. */
function exampleJob(
  store: EmulatorStore,
  fields: Omit<NewJobFields, "kind" | "sequence"> & Pick<JobRecord, "output" | "error" | "status">,
): JobRecord {
  return newJob({
    kind: "prediction",
    sequence: store.nextSequence(),
    source: "web",
    isExample: true,
    ...fields,
  });
}

/** Runs a built-in model on its example input, at once, to make its default example. */
function runExample(
  store: EmulatorStore,
  definition: ModelDefinition,
  exampleInput: Record<string, unknown>,
): JobRecord {
  const input = validateModelInput(definition.version.openapiSchema, exampleInput);
  const run = runToCompletion(definition.version.behaviour, {
    input,
    // Examples are part of the model: their files are never dropped.
    publishFile: (bytes, options) => store.deliveries.publish(bytes, options, { pinned: true }),
  });
  const createdAt = Date.parse(definition.version.createdAt) + 60_000;
  return exampleJob(store, {
    model: `${definition.owner}/${definition.name}`,
    version: definition.version.id,
    input,
    output: run.output,
    logs: run.logs.map((line) => `${line}\n`).join(""),
    error: run.error,
    status: run.error ? "failed" : "succeeded",
    createdAt,
    startedAt: createdAt + 200,
    completedAt: createdAt + 200 + run.emulatedMs,
    metrics: { predict_time: run.emulatedMs / 1000, total_time: (200 + run.emulatedMs) / 1000 },
  });
}

const STATUSES: readonly JobStatus[] = [
  "starting",
  "processing",
  "succeeded",
  "failed",
  "canceled",
  "aborted",
];

function parseTime(value: string | null | undefined): number | undefined {
  const time = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(time) ? time : undefined;
}

/** A recorded example (public catalogue) as a job record. */
function recordedJob(store: EmulatorStore, modelRef: string, example: RecordedExample): JobRecord {
  const metrics = Object.fromEntries(
    Object.entries(example.metrics ?? {}).filter(
      (entry): entry is [string, number] => typeof entry[1] === "number",
    ),
  );
  return exampleJob(store, {
    id: example.id,
    model: modelRef,
    version: example.version,
    input: example.input,
    output: example.output,
    error: example.error,
    status: STATUSES.includes(example.status as JobStatus)
      ? (example.status as JobStatus)
      : "succeeded",
    createdAt: parseTime(example.created_at) ?? 0,
    startedAt: parseTime(example.started_at),
    completedAt: parseTime(example.completed_at),
    metrics,
  });
}

/** Fills an empty store with the built-in models and collections. */
export function seedBuiltins(store: EmulatorStore): void {
  for (const definition of BUILTIN_MODELS) addModelDefinition(store, definition);
  for (const collection of BUILTIN_COLLECTIONS) store.collections.add(collection);
}
