import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findNodeOnlyUsage, type PortabilityReport } from "../support/node-only-usage";

const typeRoots = [fileURLToPath(new URL("../../../../node_modules/@types", import.meta.url))];
const sdkEntry = fileURLToPath(new URL("../../src/index.ts", import.meta.url));

describe("the SDK's shared code (everything src/index.ts loads)", () => {
  let sdk: PortabilityReport;
  beforeAll(() => {
    sdk = findNodeOnlyUsage(sdkEntry, typeRoots);
  });

  it("uses no Node-only global and imports no Node built-in module", () => {
    expect(sdk.files).toContain("client.ts");
    // Listed as "file:line name" so that a failure says where to look.
    expect(sdk.usages.map((usage) => `${usage.file}:${usage.line} ${usage.name}`)).toEqual([]);
  });

  it("never loads the Node-only entry (src/node.ts) or its helpers", () => {
    expect(sdk.files.filter((file) => file === "node.ts" || file.startsWith("node/"))).toEqual([]);
  });
});

describe("the Node-only usage finder", () => {
  let folder: string;
  let report: PortabilityReport;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "replicate-ts-portable-"));
    await writeFile(
      join(folder, "entry.ts"),
      [
        'import { readFile } from "node:fs/promises";',
        'import path from "path";',
        'import { portable } from "./portable";',
        "export const bytes = Buffer.from('x');",
        "export const token = process.env.TOKEN;",
        "export const viaGlobal = globalThis.process;",
        "export let timer: NodeJS.Timeout | undefined;",
        "export { path, portable, readFile };",
      ].join("\n"),
    );
    await writeFile(
      join(folder, "portable.ts"),
      [
        "const runtime = globalThis as { process?: { env?: Record<string, string> } };",
        "const process = { env: {} };",
        "export const portable = [",
        "  runtime.process?.env,",
        "  process.env,",
        "  setTimeout(() => {}, 1),",
        "  crypto.subtle,",
        "  new TextEncoder(),",
        "  fetch,",
        "  new Blob([]),",
        "];",
      ].join("\n"),
    );
    await writeFile(join(folder, "unreachable.ts"), "export const b = Buffer.alloc(1);\n");
    report = findNodeOnlyUsage(join(folder, "entry.ts"), typeRoots);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it("reports node: imports, bare built-in imports and Node-only globals with their line", () => {
    expect(report.usages.map((usage) => `${usage.file}:${usage.line} ${usage.name}`)).toEqual([
      "entry.ts:1 node:fs/promises",
      "entry.ts:2 path",
      "entry.ts:4 Buffer",
      "entry.ts:5 process",
      "entry.ts:6 process",
      "entry.ts:7 NodeJS",
    ]);
  });

  it("accepts globals every runtime has, guarded lookups and local names", () => {
    expect(report.usages.filter((usage) => usage.file === "portable.ts")).toEqual([]);
  });

  it("looks only at files the entry reaches", () => {
    expect(report.files).toEqual(["entry.ts", "portable.ts"]);
  });
});
