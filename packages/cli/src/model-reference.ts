import { UsageError } from "./exit-codes";

/** A model to run: `owner/name`, `owner/name:version`, or a bare version id. */
export interface ModelReference {
  owner?: string | undefined;
  name?: string | undefined;
  version?: string | undefined;
  /** As the user wrote it. */
  text: string;
}

/** Parses what the user typed, or explains the accepted forms. */
export function parseModelReference(text: string): ModelReference {
  const named = /^([^/:\s]+)\/([^/:\s]+)(?::([^/:\s]+))?$/.exec(text);
  if (named) return { owner: named[1], name: named[2], version: named[3], text };
  if (/^[A-Za-z0-9]+$/.test(text)) return { version: text, text };
  throw new UsageError(
    `Invalid model ${JSON.stringify(text)}: use owner/name, owner/name:version or a version id, e.g. replicate/hello-world.`,
  );
}

/** Parses `owner/name` (no version), e.g. for a deployment or a model to describe. */
export function parseOwnerName(text: string, what = "model"): { owner: string; name: string } {
  const match = /^([^/:\s]+)\/([^/:\s]+)$/.exec(text);
  if (!match) {
    throw new UsageError(
      `Invalid ${what} ${JSON.stringify(text)}: use owner/name, e.g. replicate/hello-world.`,
    );
  }
  return { owner: match[1]!, name: match[2]! };
}
