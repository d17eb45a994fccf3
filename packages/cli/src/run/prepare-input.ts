import { basename } from "node:path";
import { fileFromPath } from "replicate-ts/node";
import type { CommandContext } from "../command-kit";
import { createActivity } from "../display/create-displays";
import { inputSchemaOf } from "../input-schema";
import { parseInputArguments } from "../input-values";
import { resolveLocalFiles } from "../local-files";
import type { ModelReference } from "../model-reference";
import { fetchVersionSchema } from "../model-schema";

/**
 * A model's input from `key=value` arguments: the version's schema is fetched, the values are
 * typed and checked against it (`schema` names which: `Input` for a prediction, `TrainingInput`
 * for a training), and `key=@path` files are uploaded through the Files API and replaced by their
 * URLs. A spinner on a terminal says which step is under way; `signal` stops it.
 */
export async function prepareInput(
  context: CommandContext,
  reference: ModelReference,
  inputArgs: readonly string[],
  signal: AbortSignal | undefined,
  schema: "Input" | "TrainingInput" = "Input",
): Promise<Record<string, unknown>> {
  const activity = createActivity(context.io);
  try {
    if (reference.owner !== undefined) activity.set(`reading the schema of ${reference.text}…`);
    const openapi = await fetchVersionSchema(context.replicate, reference, signal);
    const parsed = parseInputArguments(inputArgs, inputSchemaOf(openapi, schema));
    return await resolveLocalFiles(parsed, context.io.cwd, async (path) => {
      activity.set(`uploading ${basename(path)}…`);
      const uploaded = await context.replicate.files.create(
        { file: fileFromPath(path) },
        signal ? { signal } : undefined,
      );
      return uploaded.urls.get;
    });
  } finally {
    activity.stop();
  }
}
