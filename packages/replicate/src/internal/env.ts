/**
 * Reads an environment variable in any runtime without touching Node-only globals directly:
 * Node and Bun expose `process.env`, Deno `Deno.env` (which throws without permission),
 * browsers and Workers have neither.
 */
export function readEnv(name: string): string | undefined {
  const runtime = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get(key: string): string | undefined } };
  };
  try {
    const value = runtime.process?.env?.[name] ?? runtime.Deno?.env?.get(name);
    return value === "" ? undefined : value;
  } catch {
    return undefined;
  }
}
