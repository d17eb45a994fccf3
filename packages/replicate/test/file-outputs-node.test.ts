import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Replicate, { AbortError, FileExpiredError, type FileOutput } from "replicate-ts/node";
import { afterEach, describe, expect, it } from "vitest";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./support/loopback-server";
import { predictionWire } from "./support/predictions";

describe("FileOutput.saveTo (Node entry)", () => {
  const servers: LoopbackServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.map((server) => server.close()));
    servers.length = 0;
  });

  const SIZE = 3 * 1024 * 1024;

  async function runWithOutput(path: string, handler?: Parameters<typeof startLoopbackServer>[0]) {
    const host = await startLoopbackServer(
      handler ??
        ((request, response) => {
          if (request.url.startsWith("/gone")) return sendJson(response, 410, {});
          response.writeHead(200, { "content-length": SIZE });
          // Written in slices, so that progress is reported more than once.
          for (let offset = 0; offset < SIZE; offset += 256 * 1024) {
            response.write(Buffer.alloc(256 * 1024, offset / (256 * 1024)));
          }
          response.end();
        }),
    );
    const api: LoopbackServer = await startLoopbackServer((_request, response) =>
      sendJson(
        response,
        201,
        predictionWire(api.origin, { status: "succeeded", output: `${host.origin}${path}` }),
      ),
    );
    servers.push(host, api);
    return new Replicate({ auth: "r8_t", baseUrl: api.baseUrl }).run<FileOutput>("o/m:v1", {
      input: {},
    });
  }

  it("streams the file to disk, reporting progress up to the total", async () => {
    const file = await runWithOutput("/out.bin");
    const target = join(mkdtempSync(join(tmpdir(), "replicate-ts-save-")), "out.bin");
    const progress: { bytes: number; totalBytes: number | undefined }[] = [];
    const written = await file.saveTo(target, { onProgress: (p) => progress.push({ ...p }) });
    expect(written).toBe(SIZE);
    const saved = readFileSync(target);
    expect(saved.byteLength).toBe(SIZE);
    expect(saved[SIZE - 1]).toBe(11);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ bytes: SIZE, totalBytes: SIZE });
    expect(progress.every((p, i) => i === 0 || p.bytes > progress[i - 1]!.bytes)).toBe(true);
  });

  it("rejects with FileExpiredError for an expired file and writes nothing", async () => {
    const file = await runWithOutput("/gone/out.bin");
    const target = join(mkdtempSync(join(tmpdir(), "replicate-ts-save-")), "out.bin");
    await expect(file.saveTo(target)).rejects.toThrow(FileExpiredError);
    expect(existsSync(target)).toBe(false);
  });

  it("removes the partial file when the download is aborted", async () => {
    const controller = new AbortController();
    const file = await runWithOutput("/slow.bin", (_request, response) => {
      response.writeHead(200, { "content-length": SIZE });
      response.write(Buffer.alloc(1024));
      // The rest never comes: the test aborts once the first bytes are written.
    });
    const target = join(mkdtempSync(join(tmpdir(), "replicate-ts-save-")), "out.bin");
    const saving = file.saveTo(target, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const error = await saving.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbortError);
    expect(existsSync(target)).toBe(false);
  });
});
