import { createHash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A file being written to disk as an upload streams in. */
export interface IncomingFile {
  readonly path: string;
  /** Bytes written so far. */
  readonly size: number;
  write(chunk: Uint8Array): Promise<void>;
  /** Finishes the file and returns its checksums. */
  finish(): Promise<{ size: number; sha256: string; md5: string }>;
  /** Stops writing and deletes what was written. */
  discard(): Promise<void>;
}

/** Where uploaded files live: a temporary directory of the emulator's own, deleted on close. */
export class FileStorage {
  #directory: Promise<string> | undefined;
  readonly #parent: string;

  /** @param parent where to make the emulator's folder @default the system's temporary directory */
  constructor(parent: string = tmpdir()) {
    this.#parent = parent;
  }

  #dir(): Promise<string> {
    this.#directory ??= mkdtemp(join(this.#parent, "replicate-ts-emulator-"));
    return this.#directory;
  }

  /** Opens a new file for an upload. */
  async create(id: string): Promise<IncomingFile> {
    const path = join(await this.#dir(), id);
    const stream: WriteStream = createWriteStream(path);
    const sha256 = createHash("sha256");
    const md5 = createHash("md5");
    let size = 0;
    const failure = new Promise<never>((_, reject) => stream.once("error", reject));
    failure.catch(() => {});
    return {
      path,
      get size() {
        return size;
      },
      async write(chunk) {
        size += chunk.byteLength;
        sha256.update(chunk);
        md5.update(chunk);
        // Respect backpressure so a fast client cannot fill memory ahead of the disk.
        if (!stream.write(chunk)) {
          await Promise.race([
            new Promise<void>((resolve) => stream.once("drain", () => resolve())),
            failure,
          ]);
        }
      },
      async finish() {
        await Promise.race([new Promise<void>((resolve) => stream.end(() => resolve())), failure]);
        return { size, sha256: sha256.digest("hex"), md5: md5.digest("hex") };
      },
      async discard() {
        stream.destroy();
        await rm(path, { force: true });
      },
    };
  }

  /** Deletes a stored file's bytes. */
  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  /** Deletes every stored file and the directory. */
  async close(): Promise<void> {
    const directory = this.#directory;
    this.#directory = undefined;
    if (directory) await rm(await directory, { recursive: true, force: true });
  }
}
