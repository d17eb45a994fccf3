/** Whether a path is one of the control endpoints (`/_emulator/...`), which the API pipeline skips. */
export function isControlPath(path: string): boolean {
  return path === "/_emulator" || path.startsWith("/_emulator/");
}
