// Marks the generated wire types as generated, so that nobody edits them by hand.
import { readFileSync, writeFileSync } from "node:fs";

const target = new URL("../src/generated/openapi.ts", import.meta.url);
const banner =
  "// Generated from spec/replicate-openapi.json by `npm run generate` (openapi-typescript).\n" +
  "// Do not edit by hand: change the spec or the generator, then regenerate.\n\n";
const source = readFileSync(target, "utf8");
if (!source.startsWith(banner)) writeFileSync(target, banner + source);
