/** Converts an API timestamp to a `Date`; absent or unreadable values give `undefined`. */
export function toDate(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Turns `null` into `undefined`, so that optional fields have one "absent" value. */
export function orUndefined<T>(value: T | null | undefined): T | undefined {
  return value ?? undefined;
}
