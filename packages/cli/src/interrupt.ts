/**
 * Turns Ctrl-C into an abort: the first SIGINT aborts the returned signal (so that the command
 * can cancel its remote work and exit on its own), a second one exits at once with code 130.
 */
export function abortOnInterrupt(onFirst?: () => void): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = () => {
    if (controller.signal.aborted) {
      process.exit(130);
    }
    onFirst?.();
    controller.abort(new Error("Interrupted (Ctrl-C)"));
  };
  process.on("SIGINT", handler);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", handler);
    },
  };
}
