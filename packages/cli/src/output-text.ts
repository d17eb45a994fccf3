import { isFileUrl } from "replicate-ts";

/**
 * Follows a text model's output as it grows, across snapshots: language models' output is a list
 * of tokens that gets longer (or, for some, a string that does). Each call gives the text not
 * yet handed out. File URLs are not text: they are left out (they are saved, or printed, once
 * the prediction has ended).
 */
export class GrowingOutputText {
  #tokens = 0;
  #characters = 0;

  /** The text added since the previous call. */
  push(output: unknown): string {
    if (Array.isArray(output)) {
      const added = output.slice(this.#tokens);
      this.#tokens = output.length;
      return added
        .filter((token) => !(typeof token === "string" && isFileUrl(token)))
        .map((token) => (typeof token === "string" ? token : JSON.stringify(token)))
        .join("");
    }
    if (typeof output === "string") {
      const added = output.slice(this.#characters);
      this.#characters = output.length;
      return added;
    }
    return "";
  }
}
