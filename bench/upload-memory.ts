/**
 * Upload memory: peak RSS of one process uploading a large file (512 MiB by default) to a
 * loopback server that discards the body, for replicate-ts on its Node transport (node:http,
 * what `replicate-ts` uses in Node), replicate-ts made to upload through `fetch`, and bare
 * `fetch` with a file-backed Blob. Each runs in its own child process, so each peak is its own.
 *
 *   npx tsx bench/upload-memory.ts [--size-mib 512] [--throttle-mbps 0]
 *
 * `--throttle-mbps` makes the server read at most that many MB/s, like a slow network.
 */
import { fork } from "node:child_process";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MODES = {
  "replicate-ts, node:http transport": "sdk-node",
  "replicate-ts, fetch transport": "sdk-fetch",
  "bare fetch, FormData of openAsBlob()": "bare-fetch",
} as const;
type Mode = (typeof MODES)[keyof typeof MODES];

interface ChildResult {
  mode: Mode;
  baselineRssMb: number;
  peakRssMb: number;
  seconds: number;
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? undefined : args[index + 1];
};

/** Runs in the child: one upload, then reports its peak RSS on stdout. */
async function child(mode: Mode, path: string, baseUrl: string): Promise<void> {
  const { default: Replicate, fileFromPath } = await import("replicate-ts/node");
  const baselineRssMb = process.memoryUsage.rss() / 1e6;
  const started = performance.now();
  if (mode === "bare-fetch") {
    const form = new FormData();
    form.append("content", await openAsBlob(path), "big.bin");
    const response = await fetch(`${baseUrl}/files`, { method: "POST", body: form });
    if (!response.ok) throw new Error(`bare fetch: ${response.status}`);
    await response.json();
  } else {
    const replicate = new Replicate({
      auth: "r8_bench",
      baseUrl,
      ...(mode === "sdk-fetch" ? { fetch: (input, init) => fetch(input, init) } : {}),
    });
    await replicate.files.create({ file: fileFromPath(path) });
  }
  const seconds = (performance.now() - started) / 1000;
  // maxRSS is the process's true peak, in KiB, not a sample.
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6;
  const result: ChildResult = { mode, baselineRssMb, peakRssMb, seconds };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function writeFile(path: string, bytes: number): Promise<void> {
  const block = Buffer.alloc(1 << 20);
  for (let index = 0; index < block.byteLength; index++) block[index] = (index * 31) & 0xff;
  const out = createWriteStream(path);
  for (let written = 0; written < bytes; written += block.byteLength) {
    if (!out.write(block.subarray(0, Math.min(block.byteLength, bytes - written)))) {
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

async function parent(): Promise<void> {
  const sizeMib = Number(option("size-mib") ?? 512);
  const size = sizeMib * 1024 * 1024;
  const directory = await mkdtemp(join(tmpdir(), "replicate-ts-upload-bench-"));
  const path = join(directory, "big.bin");
  await writeFile(path, size);

  // An optional rate limit stands in for a slow network: memory must stay flat then too.
  const throttleMbps = Number(option("throttle-mbps") ?? 0);
  let received = 0;
  const server = createServer((request, response) => {
    let bytes = 0;
    const started = performance.now();
    request.on("data", (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (throttleMbps > 0) {
        const aheadMs = (bytes / 1e6 / throttleMbps) * 1000 - (performance.now() - started);
        if (aheadMs > 1) {
          request.pause();
          setTimeout(() => request.resume(), aheadMs);
        }
      }
    });
    request.on("end", () => {
      received = bytes;
      response.writeHead(201, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          id: "f1",
          content_type: "application/octet-stream",
          size,
          checksums: {},
          metadata: {},
          created_at: new Date().toISOString(),
          expires_at: new Date().toISOString(),
          urls: { get: "http://127.0.0.1/v1/files/f1" },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

  console.log(
    `Upload of a ${sizeMib} MiB file to a loopback server that discards it${throttleMbps ? ` at ${throttleMbps} MB/s` : ""} (Node ${process.version})`,
  );
  try {
    for (const [name, mode] of Object.entries(MODES)) {
      received = 0;
      const result = await new Promise<ChildResult>((resolve, reject) => {
        const worker = fork(fileURLToPath(import.meta.url), ["--child", mode, path, baseUrl], {
          execArgv: process.execArgv,
          stdio: ["ignore", "pipe", "inherit", "ipc"],
        });
        let output = "";
        worker.stdout!.on("data", (chunk: Buffer) => {
          output += chunk.toString();
        });
        worker.on("exit", (code) =>
          code === 0
            ? resolve(JSON.parse(output.trim().split("\n").pop()!))
            : reject(new Error(`${name} exited with ${code}`)),
        );
      });
      if (received < size)
        throw new Error(`${name}: the server received ${received} bytes, less than the file`);
      console.log(
        `  ${name.padEnd(38)} peak RSS ${result.peakRssMb.toFixed(0).padStart(5)} MB (${(result.peakRssMb - result.baselineRssMb).toFixed(0).padStart(4)} MB over its start)  ${(size / 1e6 / result.seconds).toFixed(0).padStart(5)} MB/s`,
      );
    }
  } finally {
    server.close();
    await rm(directory, { recursive: true, force: true });
  }
  console.log(
    "  (issue 8 target: peak RSS under 150 MB for 512 MiB, throughput at least bare fetch's)",
  );
}

if (args[0] === "--child") await child(args[1] as Mode, args[2]!, args[3]!);
else await parent();
