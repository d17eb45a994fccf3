import {
  type RunningEmulator,
  type StartEmulatorOptions,
  startEmulator,
} from "@replicate-ts/emulator";
import { afterAll, beforeAll } from "vitest";
import { type ApiCaller, apiCaller } from "./http";

/** Test suites run the emulator this much faster than real time. */
export const TEST_SPEED = 100;

/**
 * Starts an emulator on a free loopback port for the enclosing suite and stops it afterwards.
 * Returns accessors, since the emulator only exists once `beforeAll` has run.
 */
export function useEmulator(options: StartEmulatorOptions = {}): {
  emulator: () => RunningEmulator;
  api: () => ApiCaller;
} {
  let emulator: RunningEmulator | undefined;
  let api: ApiCaller | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, host: "127.0.0.1", speed: TEST_SPEED, ...options });
    api = apiCaller(emulator.baseUrl);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return {
    emulator: () => {
      if (!emulator) throw new Error("The emulator is not running yet (use it inside a test).");
      return emulator;
    },
    api: () => {
      if (!api) throw new Error("The emulator is not running yet (use it inside a test).");
      return api;
    },
  };
}
