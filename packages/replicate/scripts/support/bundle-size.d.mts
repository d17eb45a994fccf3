/** Minified and gzipped sizes, in bytes, of a package bundled for the browser. */
export function measureBundle(
  specifier: string,
  resolveDir: string,
): Promise<{ minified: number; gzipped: number }>;

/** `12.3 kB` (1 kB = 1000 bytes, as bundlers print it). */
export function kilobytes(bytes: number): string;
