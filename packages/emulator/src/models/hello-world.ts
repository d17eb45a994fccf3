import { cogOpenApiSchema } from "./cog-schema";
import type { ModelDefinition } from "./types";

/** The real public version id of replicate/hello-world. */
export const HELLO_WORLD_VERSION =
  "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa";

/** `replicate/hello-world`: input `text`, output `"hello " + text`. */
export const helloWorld: ModelDefinition = {
  owner: "replicate",
  name: "hello-world",
  description: "A tiny model that says hello",
  readme:
    "# Hello World\n\nA tiny model that says hello. Give it some `text` and it answers `hello <text>`.\n",
  githubUrl: "https://github.com/replicate/cog-examples",
  tags: ["example", "text"],
  runCount: 5681081,
  hardware: "cpu",
  createdAt: "2022-04-26T19:28:09.102546Z",
  version: {
    id: HELLO_WORLD_VERSION,
    cogVersion: "0.3.0",
    createdAt: "2022-04-26T19:29:04.418669Z",
    openapiSchema: cogOpenApiSchema({
      input: {
        required: ["text"],
        properties: { text: { type: "string", description: "Text to prefix with 'hello '" } },
      },
      output: { type: "string" },
    }),
    *behaviour({ input }) {
      yield { sleep: 300 };
      return `hello ${String(input.text)}`;
    },
  },
  exampleInput: { text: "Alice" },
};
