/**
 * How a model behaves in the emulator. A model's run is a generator: it yields steps (wait, log a
 * line, emit an output item, record a metric) and returns its output. The engine drives the
 * generator on the emulator's clock, so a run is deterministic and can be canceled between steps.
 */
export type ModelStep =
  /** Wait this many emulated milliseconds. */
  | { sleep: number }
  /** Append one line to the logs. */
  | { log: string }
  /** Emit one output item (for models whose output is an iterator). */
  | { output: unknown }
  /** Merge numbers into the prediction's `metrics`. */
  | { metrics: Record<string, number> };

/** A run in progress; its return value is the output (ignored for iterator models). */
export type ModelRun = Generator<ModelStep, unknown, void>;

/** What a model sees while it runs. */
export interface RunContext {
  /** The validated input, with the schema's defaults filled in. */
  input: Record<string, unknown>;
  /**
   * Stores a file the model produced and returns the URL it is served at, like
   * replicate.delivery. The URL is resolved against the origin of whoever reads the prediction.
   */
  publishFile(bytes: Uint8Array, options: { filename: string; contentType: string }): string;
}

/** A model's prediction behaviour. */
export type ModelBehaviour = (context: RunContext) => ModelRun;

/** What a successful training hands back: the new version to push to the destination. */
export interface TrainedVersion {
  /** The new version's Cog `openapi_schema`. */
  openapiSchema: Record<string, unknown>;
  /** How the new version behaves. */
  behaviour: ModelBehaviour;
  /** The trained weights, served as the training's `output.weights`. */
  weights: { bytes: Uint8Array; filename: string; contentType: string };
}

/** A model's training behaviour; returns the version to create. */
export type TrainerBehaviour = (context: RunContext) => Generator<ModelStep, TrainedVersion, void>;

/** Thrown from a run to make the prediction fail with this message as its `error`. */
export class ModelFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelFailure";
  }
}

/** A model the emulator serves, with one version. */
export interface ModelDefinition {
  owner: string;
  name: string;
  description: string;
  /** Markdown served by `GET /models/{owner}/{name}/readme`. */
  readme: string;
  githubUrl?: string;
  paperUrl?: string;
  licenseUrl?: string;
  coverImageUrl?: string;
  weightsUrl?: string;
  isOfficial?: boolean;
  /** Used by search. */
  tags: string[];
  runCount: number;
  hardware: string;
  /** When the model was created (ISO 8601). */
  createdAt: string;
  version: {
    id: string;
    cogVersion: string;
    /** When the version was pushed (ISO 8601). */
    createdAt: string;
    openapiSchema: Record<string, unknown>;
    behaviour: ModelBehaviour;
    trainer?: TrainerBehaviour;
  };
  /** The input of the model's default example; the emulator runs it to make the example. */
  exampleInput?: Record<string, unknown>;
  /** A default example recorded elsewhere (the public catalogue), used as it is. */
  recordedExample?: RecordedExample;
}

/** A prediction recorded by Replicate, as the public catalogue stores a model's default example. */
export interface RecordedExample {
  id: string;
  version: string;
  input: Record<string, unknown>;
  output: unknown;
  error: string | null;
  status: string;
  created_at: string;
  started_at?: string | null;
  completed_at?: string | null;
  metrics?: Record<string, unknown>;
}
