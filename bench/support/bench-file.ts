import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Writes a file of `bytes` (a repeating pattern, so that nothing can compress it away) into a
 * fresh temporary folder, runs `use` with its path, and deletes it.
 */
export async function withBenchFile<T>(
  bytes: number,
  use: (path: string) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "replicate-ts-bench-upload-"));
  const path = join(dir, "big.bin");
  try {
    const block = Buffer.alloc(1 << 20);
    for (let index = 0; index < block.byteLength; index++) block[index] = (index * 31 + 7) & 0xff;
    const out = createWriteStream(path);
    for (let written = 0; written < bytes; written += block.byteLength) {
      if (!out.write(block.subarray(0, Math.min(block.byteLength, bytes - written)))) {
        await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      }
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
