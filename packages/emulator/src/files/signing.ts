import { createHmac, timingSafeEqual } from "node:crypto";
import type { Clock } from "../clock";
import { capabilityToken } from "../ids";

/**
 * Signs and checks the Files API's download URLs
 * (`GET /v1/files/{id}/download?owner=&expiry=&signature=`): the signature is the base64
 * HMAC-SHA256 of `"<owner> <id> <expiry>"` under a key of the emulator's own.
 */
export class DownloadSigner {
  readonly #key = capabilityToken();
  readonly #clock: Clock;
  readonly #owner: string;

  /** @param owner the account that owns every uploaded file */
  constructor(clock: Clock, owner: string) {
    this.#clock = clock;
    this.#owner = owner;
  }

  /** The signature for a file of `owner` that expires at `expiry` (epoch seconds). */
  sign(owner: string, id: string, expiry: number): string {
    return createHmac("sha256", this.#key).update(`${owner} ${id} ${expiry}`).digest("base64");
  }

  /** Whether a signature is the one {@link sign} gives, compared in constant time. */
  verify(owner: string, id: string, expiry: number, signature: string): boolean {
    const expected = Buffer.from(this.sign(owner, id, expiry));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** A signed download URL for a stored file on `origin`, valid for `expiresInSeconds`. */
  url(fileId: string, origin: string, expiresInSeconds: number): string {
    const owner = this.#owner;
    const expiry = Math.floor(this.#clock.now() / 1000) + Math.floor(expiresInSeconds);
    const url = new URL(`${origin}/v1/files/${fileId}/download`);
    url.searchParams.set("owner", owner);
    url.searchParams.set("expiry", String(expiry));
    url.searchParams.set("signature", this.sign(owner, fileId, expiry));
    return url.toString();
  }
}
