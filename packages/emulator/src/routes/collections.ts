import { validateRequest } from "../pipeline/validate";
import { notFound } from "../problem";
import { toCollectionListItemWire, toCollectionWire } from "../wire/model";
import type { RouteModule } from "./deps";
import { originOf, param } from "./request";
import { json } from "./responses";

/** collections.list, collections.get */
export const collectionRoutes: RouteModule = (app, deps) => {
  app.get("/collections", validateRequest("collections.list"), (c) => {
    const collections = deps.store.collections
      .list()
      .map((collection, index) => ({ collection, index }));
    const page = deps.pages.page(collections, (entry) => [entry.index], c.req.url);
    return json({
      ...page,
      results: page.results.map((entry) => toCollectionListItemWire(entry.collection)),
    });
  });

  app.get("/collections/:collection_slug", validateRequest("collections.get"), (c) => {
    const collection = deps.store.collections.get(param(c, "collection_slug"));
    if (!collection) throw notFound("Collection not found.");
    return json(toCollectionWire(collection, deps.store, originOf(c)));
  });
};
