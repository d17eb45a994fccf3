import { invalidField } from "../problem";

/** Checks a webhook URL the way the API does: it must be an absolute http(s) URL (else 422). */
export function checkWebhookUrl(webhook: string): void {
  let url: URL | undefined;
  try {
    url = new URL(webhook);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) {
    throw invalidField("webhook", `${JSON.stringify(webhook)} is not a valid HTTP(S) URL`, {
      type: "format",
      title: "Invalid webhook URL",
    });
  }
}
