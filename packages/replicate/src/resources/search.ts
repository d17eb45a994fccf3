import type { RequestOptions } from "../core/options";
import { Resource } from "../core/resource";
import { optionalIntegerInRange, requireParams, requireText } from "../internal/validate";
import { SearchResults, type SearchResultsWire } from "../wrappers/search";

/** Parameters of `replicate.search()`. */
export interface SearchParams {
  /** Free text, e.g. `"nano banana"`. */
  query: string;
  /** How many models to return at most, 1 to 50. @default 20 */
  limit?: number | undefined;
}

/** The API caps the number of models a search returns. */
const MAX_SEARCH_LIMIT = 50;

/** Search across models, collections and documentation (the API's `GET /search`, in beta). */
export class Search extends Resource {
  /** Searches models, collections and documentation pages. */
  async query(params: SearchParams, options?: RequestOptions): Promise<SearchResults> {
    const given = requireParams(params, "search()", "{ query, limit }");
    const wire = await this.http.json<SearchResultsWire>({
      method: "GET",
      path: "/search",
      query: {
        query: requireText(given.query, "query"),
        limit: optionalIntegerInRange(given.limit, "limit", 1, MAX_SEARCH_LIMIT),
      },
      options,
    });
    return new SearchResults(wire);
  }
}
