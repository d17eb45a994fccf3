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

/** Uploaded files by id. */
export class FileStore {
  #files = new Map<string, FileRecord>();

  add(file: FileRecord): FileRecord {
    this.#files.set(file.id, file);
    return file;
  }

  get(id: string): FileRecord | undefined {
    return this.#files.get(id);
  }

  delete(id: string): FileRecord | undefined {
    const file = this.#files.get(id);
    this.#files.delete(id);
    return file;
  }

  /** Every file, newest first. */
  list(): FileRecord[] {
    return [...this.#files.values()].sort((a, b) => b.sequence - a.sequence);
  }

  clear(): void {
    this.#files.clear();
  }
}
