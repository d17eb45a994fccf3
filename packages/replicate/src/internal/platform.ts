import type { FetchFunction } from "../core/options";

/** What saving a file to disk (`FileOutput.saveTo()`) reports while it writes. */
export interface SaveProgress {
  /** Bytes written so far. */
  bytes: number;
  /** The file's size, when the server said it (`Content-Length`). */
  totalBytes: number | undefined;
}

/** Options of saving a stream to a path. */
export interface SaveOptions {
  onProgress?: ((progress: SaveProgress) => void) | undefined;
  totalBytes?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * Features only some runtimes have. The shared code never imports `node:*`; the Node entry
 * (`replicate-ts/node`, also what `replicate-ts` resolves to under the `node` export condition)
 * fills these in when it is loaded.
 */
export interface PlatformFeatures {
  /** A transport that streams request bodies without keeping a copy (Node's `fetch` keeps one). */
  streamingFetch?: FetchFunction | undefined;
  /** Writes a stream to a file, reporting progress; resolves with the number of bytes written. */
  saveToPath?:
    | ((stream: ReadableStream<Uint8Array>, path: string, options: SaveOptions) => Promise<number>)
    | undefined;
}

/** The features of the runtime the SDK was loaded in; empty outside Node unless an entry fills it. */
export const platform: PlatformFeatures = {};

/** Called by a platform entry (the Node one) to provide its features. */
export function registerPlatformFeatures(features: PlatformFeatures): void {
  Object.assign(platform, features);
}
