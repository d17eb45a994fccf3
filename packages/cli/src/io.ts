import type { OutputStream } from "./terminal";

/**
 * Everything a command touches outside itself: its streams, environment and working folder.
 * `main()` passes the process's; keeping them in one object keeps commands free of globals.
 */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The real process's streams, environment and working folder. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
