import { KeyedStore, newestFirst } from "./record-store";

/** An uploaded file's metadata; its bytes are in a file on disk. */
export interface FileRecord {
  readonly id: string;
  readonly sequence: number;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly md5: string;
  readonly metadata: Record<string, unknown>;
  /** Emulated epoch milliseconds. */
  readonly createdAt: number;
  readonly expiresAt: number;
  /** Where the bytes are on disk. */
  readonly path: string;
}

/** Uploaded files by id; listed newest first. */
export class FileStore extends KeyedStore<FileRecord> {
  constructor() {
    super((file) => file.id, newestFirst);
  }
}
