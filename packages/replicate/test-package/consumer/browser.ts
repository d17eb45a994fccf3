// A browser or edge consumer (moduleResolution bundler, DOM lib, no @types/node).
import Replicate from "replicate-ts";
import { typedUsage } from "./type-assertions";

const replicate = new Replicate({ auth: "r8_example", fetch: window.fetch.bind(window) });
export const checks: Promise<void> = typedUsage(replicate);
