import type { HttpClient, QueryValue } from "./http";
import type { RequestOptions } from "./options";
import { Page, PagePromise, type PaginatedWire } from "./page";

/** What every resource needs from the client that owns it. */
export interface ClientContext {
  readonly http: HttpClient;
  /** Milliseconds between polls when waiting. */
  readonly pollingInterval: number;
}

/** A group of API operations (predictions, models, ...) sharing the client's HTTP core. */
export abstract class Resource {
  protected readonly context: ClientContext;

  constructor(context: ClientContext) {
    this.context = context;
  }

  protected get http(): HttpClient {
    return this.context.http;
  }

  /** A paginated GET whose items are wrapped by `wrap`; later pages follow the API's cursor URLs. */
  protected paginate<Wire, Item>(
    path: string,
    query: Record<string, QueryValue> | undefined,
    wrap: (wire: Wire) => Item,
    options?: RequestOptions,
  ): PagePromise<Item> {
    const load = async (url: string): Promise<Page<Item>> => {
      const wire = await this.http.json<PaginatedWire<Wire>>({ method: "GET", path: url, options });
      return Page.fromWire(wire, wrap, load);
    };
    return new PagePromise(() => load(this.http.resolveUrl(path, query).href));
  }
}
