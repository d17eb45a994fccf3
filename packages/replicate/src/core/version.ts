/** The version of replicate-ts, sent in the `User-Agent`. A test keeps it equal to package.json. */
export const VERSION = "0.1.0";
