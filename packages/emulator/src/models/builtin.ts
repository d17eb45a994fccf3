import { drawPng } from "./draw-png";
import { fail } from "./fail";
import { helloWorld } from "./hello-world";
import { slow } from "./slow";
import { streamText } from "./stream-text";
import { trainable } from "./trainable";
import type { ModelDefinition } from "./types";

/** The models every emulator starts with. */
export const BUILTIN_MODELS: readonly ModelDefinition[] = [
  helloWorld,
  streamText,
  drawPng,
  slow,
  fail,
  trainable,
];

/**
 * Names and version ids of the built-in models, for tests and examples.
 *
 * @example
 * await replicate.run(`replicate/hello-world:${BUILTIN.helloWorld.version}`, { input: { text: "Ada" } });
 */
export const BUILTIN = {
  helloWorld: { model: "replicate/hello-world", version: helloWorld.version.id },
  streamText: { model: "replicate-ts/stream-text", version: streamText.version.id },
  drawPng: { model: "replicate-ts/draw-png", version: drawPng.version.id },
  slow: { model: "replicate-ts/slow", version: slow.version.id },
  fail: { model: "replicate-ts/fail", version: fail.version.id },
  trainable: { model: "replicate-ts/trainable", version: trainable.version.id },
} as const;
