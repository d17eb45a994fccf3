import { NoNextPageError, NoPreviousPageError } from "./errors";

/** The wire shape of every paginated answer of the API. */
export interface PaginatedWire<Wire> {
  next?: string | null | undefined;
  previous?: string | null | undefined;
  results?: Wire[] | undefined;
}

/** Loads the page at a cursor URL. */
export type PageLoader<Item> = (cursorUrl: string) => Promise<Page<Item>>;

/**
 * One page of a list. `for await (const item of page)` walks this page and every later one,
 * loading each only when the previous is used up and keeping no finished page alive.
 */
export class Page<Item> implements AsyncIterable<Item> {
  /** The items on this page. */
  readonly results: Item[];
  /** The cursor URL of the next page, if there is one. */
  readonly nextUrl: string | undefined;
  /** The cursor URL of the previous page, if there is one. */
  readonly previousUrl: string | undefined;
  readonly #load: PageLoader<Item>;

  /** @internal Pages are made by list methods. */
  constructor(results: Item[], cursors: PaginatedWire<unknown>, load: PageLoader<Item>) {
    this.results = results;
    this.nextUrl = cursors.next ?? undefined;
    this.previousUrl = cursors.previous ?? undefined;
    this.#load = load;
  }

  /** Builds a page from the API's answer, wrapping each item. */
  static fromWire<Wire, Item>(
    wire: PaginatedWire<Wire>,
    wrap: (item: Wire) => Item,
    load: PageLoader<Item>,
  ): Page<Item> {
    return new Page((wire.results ?? []).map(wrap), wire, load);
  }

  /** Whether {@link next} has a page to load. */
  get hasNextPage(): boolean {
    return this.nextUrl !== undefined;
  }

  /** Whether {@link previous} has a page to load. */
  get hasPreviousPage(): boolean {
    return this.previousUrl !== undefined;
  }

  /** Loads the next page. @throws {NoNextPageError} on the last page. */
  async next(): Promise<Page<Item>> {
    if (this.nextUrl === undefined) throw new NoNextPageError();
    return this.#load(this.nextUrl);
  }

  /** Loads the previous page. @throws {NoPreviousPageError} on the first page. */
  async previous(): Promise<Page<Item>> {
    if (this.previousUrl === undefined) throw new NoPreviousPageError();
    return this.#load(this.previousUrl);
  }

  /** Yields this page and each later page in turn. */
  async *pages(): AsyncGenerator<Page<Item>, void, undefined> {
    let page: Page<Item> | undefined = this;
    while (page) {
      yield page;
      page = page.hasNextPage ? await page.next() : undefined;
    }
  }

  /** Every item of this page and of each later page, loading the pages one at a time. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* page.results;
  }
}

/**
 * What a list method returns: `await` it for the first page, or `for await` it for every item of
 * every page. The first page is requested once, when first awaited or iterated.
 */
export class PagePromise<Item> implements PromiseLike<Page<Item>>, AsyncIterable<Item> {
  readonly #loadFirst: () => Promise<Page<Item>>;
  #firstPage: Promise<Page<Item>> | undefined;

  /** @internal Made by list methods. */
  constructor(loadFirst: () => Promise<Page<Item>>) {
    this.#loadFirst = loadFirst;
  }

  #start(): Promise<Page<Item>> {
    this.#firstPage ??= this.#loadFirst();
    return this.#firstPage;
  }

  /** Loads the first page (once) and settles with it: what `await list()` calls. */
  // biome-ignore lint/suspicious/noThenProperty: this object is meant to be awaited.
  then<Fulfilled = Page<Item>, Rejected = never>(
    onFulfilled?: ((page: Page<Item>) => Fulfilled | PromiseLike<Fulfilled>) | null,
    onRejected?: ((reason: unknown) => Rejected | PromiseLike<Rejected>) | null,
  ): Promise<Fulfilled | Rejected> {
    return this.#start().then(onFulfilled, onRejected);
  }

  /** Like `Promise.catch`: handles a failure to load the first page. */
  catch<Rejected = never>(
    onRejected?: ((reason: unknown) => Rejected | PromiseLike<Rejected>) | null,
  ): Promise<Page<Item> | Rejected> {
    return this.#start().catch(onRejected);
  }

  /** Like `Promise.finally`: runs once loading the first page has settled. */
  finally(onFinally?: (() => void) | null): Promise<Page<Item>> {
    return this.#start().finally(onFinally);
  }

  /** Every item of every page: `for await (const item of replicate.predictions.list())`. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    yield* await this.#start();
  }

  /** `"PagePromise"`, what `Object.prototype.toString` shows. */
  get [Symbol.toStringTag](): string {
    return "PagePromise";
  }
}
