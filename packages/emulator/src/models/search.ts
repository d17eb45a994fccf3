import type { CollectionRecord } from "../store/collections";
import type { ModelRecord } from "../store/models";

/** Lowercase words of a query. */
export function searchTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * How well a model matches the query: name matches weigh most, then tags, then owner and
 * description. 0 means no match. An empty query matches everything a little.
 */
export function scoreModel(model: ModelRecord, terms: readonly string[]): number {
  if (terms.length === 0) return 0.1;
  const name = model.name.toLowerCase();
  const owner = model.owner.toLowerCase();
  const description = (model.description ?? "").toLowerCase();
  const tags = model.tags.map((t) => t.toLowerCase());
  let score = 0;
  for (const term of terms) {
    if (name.includes(term)) score += 3;
    if (tags.some((tag) => tag.includes(term))) score += 2;
    if (owner.includes(term)) score += 1;
    if (description.includes(term)) score += 1;
  }
  return score / terms.length;
}

/** Whether a collection matches any term of the query. */
export function matchesCollection(collection: CollectionRecord, terms: readonly string[]): boolean {
  const text = `${collection.name} ${collection.slug} ${collection.description}`.toLowerCase();
  return terms.length > 0 && terms.some((term) => text.includes(term));
}

/** The documentation pages `GET /search` can return. */
export const DOC_PAGES: readonly { name: string; href: string }[] = [
  { name: "Create a prediction", href: "/docs/topics/predictions/create-a-prediction" },
  { name: "Streaming output", href: "/docs/topics/predictions/streaming" },
  { name: "Webhooks", href: "/docs/topics/webhooks" },
  { name: "Verify webhooks", href: "/docs/topics/webhooks/verify-webhook" },
  { name: "Fine-tune a model with trainings", href: "/docs/topics/models/training" },
  { name: "Deployments", href: "/docs/topics/deployments" },
  { name: "Upload files with the Files API", href: "/docs/topics/predictions/input-files" },
  { name: "Run a model from Node.js", href: "/docs/get-started/nodejs" },
  { name: "Getting started with image generation", href: "/docs/guides/image-generation" },
  { name: "Official models", href: "/docs/topics/models/official-models" },
];
