import type { JobRecord } from "./jobs";
import { RecordStore } from "./record-store";

/** A model: its metadata. Its versions live in the version store. */
export interface ModelRecord {
  readonly owner: string;
  readonly name: string;
  readonly sequence: number;
  description: string | null;
  visibility: "public" | "private";
  hardware: string;
  githubUrl: string | null;
  paperUrl: string | null;
  licenseUrl: string | null;
  weightsUrl: string | null;
  coverImageUrl: string | null;
  readme: string | null;
  runCount: number;
  /** Emulated epoch milliseconds. */
  readonly createdAt: number;
  isOfficial: boolean;
  /** Created through the API by this account (built-in models are not). */
  readonly ownedByAccount: boolean;
  /** Search metadata. */
  tags: string[];
  /** Example predictions; the first is the `default_example`. */
  examples: JobRecord[];
}

/** `owner/name` in the form the store keys models by. */
export function modelKey(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}

/** Models by `owner/name` (case-insensitive, as the API is); listed in creation order. */
export class ModelStore extends RecordStore<ModelRecord> {
  constructor() {
    super(
      (model) => modelKey(model.owner, model.name),
      (a, b) => a.sequence - b.sequence,
    );
  }

  get(owner: string, name: string): ModelRecord | undefined {
    return this.findKey(modelKey(owner, name));
  }

  /** Looks up `owner/name`. */
  getByRef(reference: string): ModelRecord | undefined {
    const [owner, name, ...rest] = reference.split("/");
    if (!owner || !name || rest.length > 0) return undefined;
    return this.get(owner, name);
  }

  delete(owner: string, name: string): ModelRecord | undefined {
    return this.removeKey(modelKey(owner, name));
  }
}
