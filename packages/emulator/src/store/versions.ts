import type { ModelBehaviour, TrainerBehaviour } from "../models/types";
import { modelKey } from "./models";

/** A model version: its Cog schema and how it behaves when run or trained. */
export interface VersionRecord {
  readonly id: string;
  /** `owner/name` of its model. */
  readonly model: string;
  readonly sequence: number;
  /** Emulated epoch milliseconds. */
  readonly createdAt: number;
  readonly cogVersion: string | null;
  readonly openapiSchema: Record<string, unknown> | null;
  readonly behaviour: ModelBehaviour;
  readonly trainer: TrainerBehaviour | undefined;
}

/** Versions by id, with lookups by model. */
export class VersionStore {
  #versions = new Map<string, VersionRecord>();

  add(version: VersionRecord): VersionRecord {
    this.#versions.set(version.id, version);
    return version;
  }

  get(id: string): VersionRecord | undefined {
    return this.#versions.get(id);
  }

  /** A model's versions, newest first. */
  forModel(owner: string, name: string): VersionRecord[] {
    const key = modelKey(owner, name);
    return [...this.#versions.values()]
      .filter((v) => v.model.toLowerCase() === key)
      .sort((a, b) => b.createdAt - a.createdAt || b.sequence - a.sequence);
  }

  /** A model's newest version. */
  latest(owner: string, name: string): VersionRecord | undefined {
    return this.forModel(owner, name)[0];
  }

  delete(id: string): boolean {
    return this.#versions.delete(id);
  }

  clear(): void {
    this.#versions.clear();
  }
}
