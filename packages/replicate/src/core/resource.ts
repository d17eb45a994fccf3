import type { ApiRequest, HttpClient, QueryValue } from "./http";
import type { FileEncodingStrategy, RequestOptions } from "./options";
import { Page, PagePromise, type PaginatedWire } from "./page";

/** What every resource needs from the client that owns it. */
export interface ClientContext {
  readonly http: HttpClient;
  /** Milliseconds between polls when waiting. */
  readonly pollingInterval: number;
  /** How file inputs are sent unless a call says otherwise. */
  readonly fileEncodingStrategy: FileEncodingStrategy;
  /** Whether `run()` turns file URLs in outputs into `FileOutput`s unless a call says otherwise. */
  readonly useFileOutput: boolean;
}

/** A group of API operations (predictions, models, ...) sharing the client's HTTP core. */
export abstract class Resource {
  /** @internal The client's settings and HTTP core. */
  protected readonly context: ClientContext;

  /** @internal Resources are created by the client: use `replicate.predictions` and the like. */
  constructor(context: ClientContext) {
    this.context = context;
  }

  /** @internal The client's HTTP core. */
  protected get http(): HttpClient {
    return this.context.http;
  }

  /**
   * @internal A paginated GET whose items are wrapped by `wrap`; later pages follow the API's
   * cursor URLs.
   */
  protected paginate<Wire, Item>(
    path: string,
    query: Record<string, QueryValue> | undefined,
    wrap: (wire: Wire) => Item,
    options?: RequestOptions,
  ): PagePromise<Item> {
    return this.paginateRequest(() => ({ path, query }), wrap, options);
  }

  /**
   * @internal A paginated request described lazily: `describe` runs when the first page is awaited, so a
   * list method can validate its arguments there and reject instead of throwing synchronously.
   * Every page is requested with the same method and body (a `QUERY` search sends its query
   * again with each cursor); only the URL changes.
   */
  protected paginateRequest<Wire, Item>(
    describe: () => PageRequest,
    wrap: (wire: Wire) => Item,
    options?: RequestOptions,
  ): PagePromise<Item> {
    return new PagePromise(async () => {
      const { path, query, ...request } = describe();
      const load = async (url: string): Promise<Page<Item>> => {
        const wire = await this.http.json<PaginatedWire<Wire>>({
          method: "GET",
          ...request,
          path: url,
          options,
        });
        return Page.fromWire(wire, wrap, load);
      };
      return load(this.http.resolveUrl(path, query).href);
    });
  }
}

/** The first page of a list: where it is and, for lists that are not a GET, how to ask. */
export type PageRequest = Pick<ApiRequest, "path" | "query"> &
  Partial<Pick<ApiRequest, "method" | "body" | "rawBody" | "contentType" | "headers">>;
