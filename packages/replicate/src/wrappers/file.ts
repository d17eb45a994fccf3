import type { components } from "../generated/openapi";
import { toDate } from "./convert";

/** A file as the API sends it (the API also sends `name`, which the spec does not list yet). */
export type FileWire = Omit<components["schemas"]["schemas_file_response"], "urls"> & {
  name?: string | undefined;
  urls?:
    | (components["schemas"]["schemas_file_response"]["urls"] & Record<string, string | undefined>)
    | undefined;
};

/** Where to get (and, when the API gives it, download) a file. */
export interface FileUrls {
  /** The file resource's URL; this is what a model input refers to. */
  get: string;
  /** A signed download URL, when the API gives one. */
  download: string | undefined;
}

/** A file uploaded through the Files API. */
export class ReplicateFile {
  readonly id: string;
  /** The file name given at upload. */
  readonly name: string | undefined;
  /** The content type, e.g. `image/png`. */
  readonly contentType: string;
  /** The size in bytes. */
  readonly size: number;
  /** Checksums keyed by algorithm, e.g. `{ sha256: "..." }`. */
  readonly checksums: Record<string, string>;
  /** The metadata given at upload. */
  readonly metadata: Record<string, unknown>;
  readonly createdAt: Date | undefined;
  /** When the API deletes the file. */
  readonly expiresAt: Date | undefined;
  readonly urls: FileUrls;
  /** The file exactly as the API sent it. */
  readonly raw: FileWire;

  constructor(wire: FileWire) {
    this.raw = wire;
    this.id = wire.id;
    this.name = wire.name ?? undefined;
    this.contentType = wire.content_type;
    this.size = wire.size;
    this.checksums = { ...(wire.checksums as Record<string, string> | undefined) };
    this.metadata = { ...(wire.metadata as Record<string, unknown> | undefined) };
    this.createdAt = toDate(wire.created_at);
    this.expiresAt = toDate(wire.expires_at);
    this.urls = { get: wire.urls?.get ?? "", download: wire.urls?.download ?? undefined };
  }

  /** The wire JSON, so that `JSON.stringify(file)` gives what the API sent. */
  toJSON(): FileWire {
    return this.raw;
  }
}
