import type { operations } from "../generated/openapi";
import { orUndefined } from "./convert";

/** The account as the API sends it. */
export type AccountWire =
  operations["account.get"]["responses"][200]["content"]["application/json"];

/** The user or organization that owns the API token. */
export class ReplicateAccount {
  /** `user` or `organization`. */
  readonly type: "user" | "organization";
  readonly username: string;
  /** The display name. */
  readonly name: string | undefined;
  readonly githubUrl: string | undefined;
  readonly avatarUrl: string | undefined;
  /** The account exactly as the API sent it. */
  readonly raw: AccountWire;

  constructor(wire: AccountWire) {
    this.raw = wire;
    this.type = wire.type;
    this.username = wire.username;
    this.name = orUndefined(wire.name);
    this.githubUrl = orUndefined(wire.github_url);
    this.avatarUrl = orUndefined(wire.avatar_url);
  }

  /** The wire JSON, so that `JSON.stringify(account)` gives what the API sent. */
  toJSON(): AccountWire {
    return this.raw;
  }
}
