/** Fails the child (and so the workload) when a client's result is wrong: wrong is not fast. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`result check failed: ${message}`);
}
