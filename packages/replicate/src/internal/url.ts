const HTTP_URL = /^https?:\/\/[^\s/]+\S*$/i;

/**
 * Whether `value` is an absolute `http(s)` URL with a host and no whitespace, that the URL
 * parser accepts: what a base URL, a webhook, a signed download URL and a file output must be.
 */
export function isHttpUrl(value: unknown): value is string {
  return typeof value === "string" && HTTP_URL.test(value) && URL.canParse(value);
}
