/** The exit code of a process that quits at a second signal: 128 + the signal's number. */
const EXIT_CODE_OF: Record<"SIGINT" | "SIGTERM", number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into an abort: the first one aborts the returned signal (so
 * that the command can cancel its remote work and exit on its own); a second one exits at once,
 * with code 130 for SIGINT and 143 for SIGTERM, as shells report a process killed by them.
 */
export function abortOnInterrupt(onFirst?: () => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = (signal: "SIGINT" | "SIGTERM") => {
    if (controller.signal.aborted) process.exit(EXIT_CODE_OF[signal]);
    controller.abort(new Error(signal === "SIGINT" ? "Interrupted (Ctrl-C)" : "Terminated"));
    onFirst?.();
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}
