/**
 * @replicate-ts/emulator: a local, stateful server that behaves like the Replicate HTTP API.
 * @packageDocumentation
 */
export { createEmulatorApp, type EmulatorApp, type EmulatorHandles } from "./app";
export { type Clock, type ClockTimer, createScaledClock, ManualClock } from "./clock";
export type { Fault, FaultOptions, FaultRegistry } from "./faults";
export { BUILTIN, BUILTIN_MODELS } from "./models/builtin";
export { HELLO_WORLD_VERSION } from "./models/hello-world";
export {
  type ModelBehaviour,
  type ModelDefinition,
  ModelFailure,
  type ModelRun,
  type ModelStep,
  type RunContext,
  type TrainedVersion,
  type TrainerBehaviour,
} from "./models/types";
export type { EmulatorLogger, EmulatorOptions, StartEmulatorOptions } from "./options";
export type { RequestLog, RequestLogEntry } from "./request-log";
export { type RunningEmulator, startEmulator } from "./server";
export type { EmulatorStore } from "./store/index";
export type { JobRecord, JobStatus } from "./store/jobs";
export type { WebhookDelivery } from "./webhooks/dispatcher";
