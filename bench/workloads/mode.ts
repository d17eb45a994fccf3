/** `--quick` runs every workload once at small sizes, to check that the benchmark still works. */
export type Mode = "full" | "quick";
