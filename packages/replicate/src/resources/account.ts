import type { RequestOptions } from "../core/options";
import { Resource } from "../core/resource";
import { type AccountWire, ReplicateAccount } from "../wrappers/account";

/** The account that owns the API token. */
export class Account extends Resource {
  /**
   * Gets the user or organization the token belongs to.
   * @example
   * const { username } = await replicate.account.get();
   */
  async get(options?: RequestOptions): Promise<ReplicateAccount> {
    return new ReplicateAccount(
      await this.http.json<AccountWire>({ method: "GET", path: "/account", options }),
    );
  }
}
