import { DOC_PAGES, matchesCollection, scoreModel, searchTerms } from "../models/search";
import { validateRequest } from "../pipeline/validate";
import { toModelWire } from "../wire/model";
import type { RouteModule } from "./deps";
import { originOf } from "./request";
import { json } from "./responses";

/** search (`GET /search`): models with metadata, collections and docs pages. Needs no token. */
export const searchRoutes: RouteModule = (app, deps) => {
  const { store } = deps;
  app.get("/search", validateRequest("search"), (c) => {
    const { query, limit } = c.get("input").query as { query: string; limit: number };
    const terms = searchTerms(query);
    const origin = originOf(c);
    const models = store.models
      .list()
      .filter((m) => m.visibility === "public")
      .map((model) => ({ model, score: terms.length === 0 ? 0 : scoreModel(model, terms) }))
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score || b.model.runCount - a.model.runCount)
      .slice(0, limit)
      .map(({ model, score }) => ({
        model: toModelWire(model, store, origin),
        metadata: {
          generated_description: model.description,
          score: Number(score.toFixed(4)),
          tags: model.tags,
        },
      }));
    const collections = store.collections
      .list()
      .filter((collection) => matchesCollection(collection, terms))
      .map((collection) => ({
        name: collection.name,
        slug: collection.slug,
        description: collection.description,
        models: collection.models,
      }));
    const pages = DOC_PAGES.filter((page) =>
      terms.some((term) => page.name.toLowerCase().includes(term)),
    );
    return json({ query, models, collections, pages });
  });
};
