import { isFileUrl } from "replicate-ts";

/**
 * How a model's output reads in a terminal: text as text, a list of text pieces (what language
 * models stream) joined, a list of files (URLs or saved paths) one per line, and anything else
 * as indented JSON.
 */
export function formatModelOutput(
  output: unknown,
  savedPaths: ReadonlySet<string> = new Set(),
): string {
  if (output === null || output === undefined) return "";
  if (typeof output === "string") return output;
  if (Array.isArray(output) && output.every((item) => typeof item === "string")) {
    const items = output as string[];
    const files =
      items.length > 0 && items.every((item) => savedPaths.has(item) || isFileUrl(item));
    return files ? items.join("\n") : items.join("");
  }
  return JSON.stringify(output, null, 2);
}
