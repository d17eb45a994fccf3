import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { receiveUpload } from "../files/receive-upload";
import { validateRequest } from "../pipeline/validate";
import { ApiProblem } from "../problem";
import { toFileWire } from "../wire/file";
import type { RouteModule } from "./deps";
import { originOf, param } from "./request";
import { empty, json } from "./responses";

/** files.list, files.create, files.get, files.delete, files.download */
export const fileRoutes: RouteModule = (app, deps) => {
  const { store } = deps;
  const fileNotFound = () => new ApiProblem(404, "File not found");

  app.post("/files", validateRequest("files.create"), async (c) => {
    const file = await receiveUpload(c.req.raw, {
      storage: deps.files,
      store,
      clock: deps.clock,
      maxFileSize: deps.options.maxFileSize,
    });
    const entry = c.get("logEntry");
    if (entry) {
      entry.body = {
        content: { filename: file.name, contentType: file.contentType, size: file.size },
        metadata: file.metadata,
      };
    }
    return json(toFileWire(file, originOf(c)), 201);
  });

  app.get("/files", validateRequest("files.list"), (c) => {
    const origin = originOf(c);
    const page = deps.pages.page(store.files.list(), (f) => [-f.sequence], c.req.url);
    return json({ ...page, results: page.results.map((f) => toFileWire(f, origin)) });
  });

  app.get("/files/:file_id", validateRequest("files.get"), (c) => {
    const file = store.files.get(param(c, "file_id"));
    if (!file) throw fileNotFound();
    return json(toFileWire(file, originOf(c)));
  });

  app.delete("/files/:file_id", validateRequest("files.delete"), async (c) => {
    const file = store.files.delete(param(c, "file_id"));
    if (!file) throw fileNotFound();
    await deps.files.remove(file.path);
    return empty(204);
  });

  app.get("/files/:file_id/download", validateRequest("files.download"), (c) => {
    const file = store.files.get(param(c, "file_id"));
    const { owner, expiry, signature } = c.get("input").query as {
      owner: string;
      expiry: number;
      signature: string;
    };
    if (!file || owner !== deps.options.account.username) throw fileNotFound();
    if (!deps.downloads.verify(owner, file.id, expiry, signature)) {
      throw new ApiProblem(403, "The download URL's signature is not valid.");
    }
    if (expiry * 1000 < deps.clock.now())
      throw new ApiProblem(403, "The download URL has expired.");
    const body = Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        "content-type": file.contentType,
        "content-length": String(file.size),
        "content-disposition": `attachment; filename="${file.name.replace(/["\\\r\n]/g, "_")}"`,
      },
    });
  });
};
