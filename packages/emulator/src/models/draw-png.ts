import { deterministicVersionId, hashString, seededRandom } from "../ids";
import { cogOpenApiSchema } from "./cog-schema";
import { encodePng } from "./png";
import { progressSteps } from "./progress";
import type { ModelDefinition } from "./types";

type Rgb = [number, number, number];

const PALETTES: Record<string, Rgb[]> = {
  warm: [
    [255, 94, 58],
    [255, 149, 0],
    [255, 204, 0],
    [199, 0, 57],
    [88, 24, 69],
  ],
  cool: [
    [0, 122, 255],
    [52, 199, 89],
    [90, 200, 250],
    [88, 86, 214],
    [0, 48, 73],
  ],
  mono: [
    [20, 20, 20],
    [80, 80, 80],
    [140, 140, 140],
    [200, 200, 200],
    [245, 245, 245],
  ],
};

/**
 * Draws the picture `replicate-ts/draw-png` makes for a seed: a vertical gradient between two
 * palette colours with a few filled circles. Same arguments, same pixels.
 */
export function drawPicture(
  width: number,
  height: number,
  seed: number,
  palette: string,
): Uint8Array {
  const colours = PALETTES[palette] ?? PALETTES.warm ?? [];
  const random = seededRandom(seed);
  const pick = (): Rgb => colours[Math.floor(random() * colours.length)] ?? [0, 0, 0];
  const top = pick();
  const bottom = pick();
  const pixels = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const t = height > 1 ? y / (height - 1) : 0;
    const r = Math.round(top[0] + (bottom[0] - top[0]) * t);
    const g = Math.round(top[1] + (bottom[1] - top[1]) * t);
    const b = Math.round(top[2] + (bottom[2] - top[2]) * t);
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      pixels[i] = r;
      pixels[i + 1] = g;
      pixels[i + 2] = b;
    }
  }
  const circles = 3 + Math.floor(random() * 5);
  for (let c = 0; c < circles; c++) {
    const colour = pick();
    const cx = random() * width;
    const cy = random() * height;
    const radius = (0.05 + random() * 0.25) * Math.min(width, height);
    const x0 = Math.max(0, Math.floor(cx - radius));
    const x1 = Math.min(width - 1, Math.ceil(cx + radius));
    const y0 = Math.max(0, Math.floor(cy - radius));
    const y1 = Math.min(height - 1, Math.ceil(cy + radius));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) continue;
        const i = (y * width + x) * 3;
        pixels[i] = colour[0];
        pixels[i + 1] = colour[1];
        pixels[i + 2] = colour[2];
      }
    }
  }
  return pixels;
}

/** The seed `replicate-ts/draw-png` uses when none is given: derived from the prompt. */
export function seedForPrompt(prompt: string): number {
  return hashString(prompt) % 1_000_000;
}

/**
 * `replicate-ts/draw-png`: a text-to-image model that draws a real PNG, deterministic from the
 * prompt and seed. Its output is a list of file URLs served by the emulator without a token.
 */
export const drawPng: ModelDefinition = {
  owner: "replicate-ts",
  name: "draw-png",
  description: "A deterministic text-to-image model that draws a PNG from a prompt and seed.",
  readme:
    "# draw-png\n\nDraws a gradient with circles. The same prompt, seed, size and palette give the same PNG bytes.\n",
  tags: ["text-to-image", "image"],
  runCount: 3400,
  hardware: "gpu-l40s",
  createdAt: "2025-01-01T00:00:00.000000Z",
  version: {
    id: deterministicVersionId("replicate-ts/draw-png:1"),
    cogVersion: "0.13.7",
    createdAt: "2025-01-01T00:00:00.000000Z",
    openapiSchema: cogOpenApiSchema({
      input: {
        required: ["prompt"],
        properties: {
          prompt: { type: "string", description: "What to draw" },
          width: {
            type: "integer",
            default: 256,
            minimum: 16,
            maximum: 1024,
            description: "Width in pixels",
          },
          height: {
            type: "integer",
            default: 256,
            minimum: 16,
            maximum: 1024,
            description: "Height in pixels",
          },
          palette: {
            allOf: [{ $ref: "#/components/schemas/palette" }],
            default: "warm",
            description: "Colours to draw with",
          },
          num_outputs: {
            type: "integer",
            default: 1,
            minimum: 1,
            maximum: 4,
            description: "How many images",
          },
          num_inference_steps: {
            type: "integer",
            default: 8,
            minimum: 1,
            maximum: 50,
            description: "Denoising steps (only changes how long it takes)",
          },
          seed: {
            type: "integer",
            description: "Random seed. Leave blank to derive it from the prompt",
          },
        },
      },
      output: { type: "array", items: { type: "string", format: "uri" } },
      enums: { palette: { values: ["warm", "cool", "mono"] } },
    }),
    *behaviour({ input, publishFile }) {
      const prompt = String(input.prompt);
      const seed = typeof input.seed === "number" ? input.seed : seedForPrompt(prompt);
      const width = Number(input.width);
      const height = Number(input.height);
      const steps = Number(input.num_inference_steps);
      yield { log: `Using seed: ${seed}` };
      yield* progressSteps(steps, steps * 100, steps);
      const urls: string[] = [];
      for (let i = 0; i < Number(input.num_outputs); i++) {
        const pixels = drawPicture(width, height, seed + i, String(input.palette));
        urls.push(
          publishFile(encodePng(width, height, pixels), {
            filename: `out-${i}.png`,
            contentType: "image/png",
          }),
        );
      }
      return urls;
    },
  },
  exampleInput: { prompt: "a red balloon over a green field", width: 64, height: 64 },
};
