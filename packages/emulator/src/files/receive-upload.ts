import type { Clock } from "../clock";
import { randomId } from "../ids";
import { ApiProblem, invalidField } from "../problem";
import type { FileRecord } from "../store/files";
import type { EmulatorStore } from "../store/index";
import { multipartBoundary, type PartInfo, type PartSink, parseMultipart } from "./multipart";
import type { FileStorage, IncomingFile } from "./storage";

/** What receiving an upload needs. */
export interface UploadDependencies {
  storage: FileStorage;
  store: EmulatorStore;
  clock: Clock;
  /** Largest accepted file, in bytes. */
  maxFileSize: number;
}

/** Form fields other than `content` are small; this caps each one. */
const MAX_FIELD_BYTES = 64 * 1024;
/** Room for multipart headers and the other fields beyond the file itself. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;
/** Files expire a day after upload, as on Replicate. */
const FILE_LIFETIME_MS = 24 * 60 * 60 * 1000;

function tooLarge(limit: number): ApiProblem {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))}MB` : `${limit} bytes`;
  return new ApiProblem(413, `Files must be less than ${size} in size`, {
    title: "Request entity too large",
    headers: { connection: "close" },
  });
}

/**
 * Form clients that flatten objects (Stainless SDKs) send `metadata[key]=value` fields instead of
 * one JSON `metadata` field; they are folded back into an object (values stay strings).
 */
function bracketedFields(fields: Record<string, string>, name: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!key.startsWith(`${name}[`)) continue;
    const path = [...key.slice(name.length).matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? "");
    let target = result;
    path.forEach((segment, index) => {
      if (index === path.length - 1) target[segment] = value;
      else {
        const next = target[segment];
        if (typeof next === "object" && next !== null) {
          target = next as Record<string, unknown>;
        } else {
          const created: Record<string, unknown> = {};
          target[segment] = created;
          target = created;
        }
      }
    });
  }
  return result;
}

/** Collects a small text field. */
function textSink(onDone: (text: string) => void, name: string): PartSink {
  const decoder = new TextDecoder();
  let size = 0;
  let text = "";
  return {
    write(chunk) {
      size += chunk.byteLength;
      if (size > MAX_FIELD_BYTES)
        throw new ApiProblem(400, `The form field ${name} is larger than 64 KB.`);
      text += decoder.decode(chunk, { stream: true });
    },
    end() {
      onDone(text + decoder.decode());
    },
  };
}

/**
 * Receives `POST /files`: the multipart body is parsed as it streams and the `content` part goes
 * straight to a temporary file (hashing as it goes), so memory does not grow with the upload. A
 * file over `maxFileSize` is refused with 413 as soon as it crosses the limit.
 */
export async function receiveUpload(
  request: Request,
  deps: UploadDependencies,
): Promise<FileRecord> {
  const limit = deps.maxFileSize;
  const boundary = multipartBoundary(request.headers.get("content-type"));
  if (!boundary) {
    throw new ApiProblem(
      415,
      "POST /files takes a multipart/form-data body with a `content` part (and optional `filename`, `type`, `metadata`).",
    );
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit + MULTIPART_OVERHEAD_BYTES)
    throw tooLarge(limit);
  if (!request.body) throw invalidField("content", "content is required");

  const id = randomId();
  const fields: Record<string, string> = {};
  let content: { part: PartInfo; file: IncomingFile } | undefined;
  try {
    await parseMultipart(request.body, boundary, async (part) => {
      if (part.name !== "content")
        return textSink((text) => {
          fields[part.name] = text;
        }, part.name);
      if (content)
        throw new ApiProblem(
          400,
          "The body has more than one `content` part; send one file per request.",
        );
      const file = await deps.storage.create(id);
      content = { part, file };
      return {
        async write(chunk) {
          if (file.size + chunk.byteLength > limit) throw tooLarge(limit);
          await file.write(chunk);
        },
        end() {},
      };
    });
    if (!content) throw invalidField("content", "content is required");
    const filename = fields.filename ?? content.part.filename ?? "file";
    if (Buffer.byteLength(filename) > 255)
      throw invalidField("filename", "Must be at most 255 bytes");
    let metadata: Record<string, unknown> = bracketedFields(fields, "metadata");
    if (fields.metadata !== undefined && fields.metadata.trim() !== "") {
      let parsed: unknown;
      try {
        parsed = JSON.parse(fields.metadata);
      } catch {
        throw invalidField("metadata", "Must be valid JSON");
      }
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw invalidField("metadata", "Must be a JSON object");
      }
      metadata = parsed as Record<string, unknown>;
    }
    const { size, sha256, md5 } = await content.file.finish();
    const createdAt = deps.clock.now();
    return deps.store.files.add({
      id,
      sequence: deps.store.nextSequence(),
      name: filename,
      contentType: fields.type ?? content.part.contentType ?? "application/octet-stream",
      size,
      sha256,
      md5,
      metadata,
      createdAt,
      expiresAt: createdAt + FILE_LIFETIME_MS,
      path: content.file.path,
    });
  } catch (error) {
    await content?.file.discard();
    throw error;
  }
}
