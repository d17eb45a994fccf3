// A Node ESM consumer (module nodenext, @types/node, no DOM lib).
import Replicate, { type Replicate as NamedReplicate, VERSION } from "replicate-ts";
import { typedUsage } from "./type-assertions.js";

const { REPLICATE_API_TOKEN: token } = process.env;
const replicate: NamedReplicate = new Replicate({
  auth: token,
  baseUrl: "http://127.0.0.1:8080/v1",
  fetch: (input, init) => fetch(input, init),
});
export const version: string = VERSION;
export const checks: Promise<void> = typedUsage(replicate);
