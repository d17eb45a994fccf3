import type { ModelBehaviour, RunContext } from "../models/types";
import { ModelFailure } from "../models/types";

/** What a run produced when driven to the end at once. */
export interface CompletedRun {
  output: unknown;
  logs: string[];
  error: string | null;
  emulatedMs: number;
}

/**
 * Runs a model to the end without waiting: sleeps only add up the time it would have taken.
 * Used to make each model's example prediction when the store is seeded.
 */
export function runToCompletion(behaviour: ModelBehaviour, context: RunContext): CompletedRun {
  const logs: string[] = [];
  const items: unknown[] = [];
  let emulatedMs = 0;
  const run = behaviour(context);
  try {
    for (;;) {
      const step = run.next();
      if (step.done) {
        return { output: step.value ?? items, logs, error: null, emulatedMs };
      }
      const value = step.value;
      if ("sleep" in value) emulatedMs += value.sleep;
      else if ("log" in value) logs.push(value.log);
      else if ("output" in value) items.push(value.output);
    }
  } catch (error) {
    if (error instanceof ModelFailure)
      return { output: null, logs, error: error.message, emulatedMs };
    throw error;
  }
}
