import type { FileRecord } from "../store/files";
import { isoTime } from "./time";
import type { FileWire } from "./types";

/** A file as the API returns it. */
export function toFileWire(file: FileRecord, origin: string): FileWire {
  return {
    id: file.id,
    name: file.name,
    content_type: file.contentType,
    size: file.size,
    etag: file.md5,
    checksums: { sha256: file.sha256, md5: file.md5 },
    metadata: file.metadata,
    created_at: isoTime(file.createdAt),
    expires_at: isoTime(file.expiresAt),
    urls: { get: `${origin}/v1/files/${file.id}` },
  };
}
