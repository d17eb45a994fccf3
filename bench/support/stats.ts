/** The median; the mean of the middle two for an even count. NaN for no values. */
export function median(values: readonly number[]): number {
  const finite = values.filter((value) => !Number.isNaN(value));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function aggregate(values: readonly number[], how: "median" | "sum" | "max"): number {
  if (how === "sum") return values.reduce((total, value) => total + value, 0);
  if (how === "max") return values.length ? Math.max(...values) : Number.NaN;
  return median(values);
}
