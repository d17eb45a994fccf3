/**
 * replicate-ts: a TypeScript client for the Replicate HTTP API.
 * @packageDocumentation
 */
import { Replicate } from "./client";

export type { RawRequest } from "./client";
export { Replicate };
export default Replicate;

export {
  AbortError,
  ApiError,
  type ApiErrorDetails,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidArgumentError,
  isReplicateError,
  MissingApiKeyError,
  /** The seed's name for {@link MissingApiKeyError}. */
  MissingApiKeyError as MissingApiKeyException,
  ModelError,
  /** The seed's name for {@link ModelError}. */
  ModelError as ModelException,
  NoNextPageError,
  /** The seed's name for {@link NoNextPageError}. */
  NoNextPageError as NoNextPageException,
  NoPreviousPageError,
  /** The seed's name for {@link NoPreviousPageError}. */
  NoPreviousPageError as NoPreviousPageException,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ReplicateError,
  /** The seed's name for {@link ReplicateError}. */
  ReplicateError as ReplicateException,
  TimeoutError,
  UnprocessableEntityError,
  type UnsuccessfulJob,
} from "./core/errors";
export type { HttpMethod, QueryValue } from "./core/http";
export type { Logger, LogLevel } from "./core/logger";
export type { ClientOptions, FetchFunction, RequestOptions } from "./core/options";
export { Page, PagePromise, type PaginatedWire } from "./core/page";
export { VERSION } from "./core/version";
export type { components as WireComponents, paths as WirePaths } from "./generated/openapi";
export type { SnapshotOptions, WaitOptions } from "./internal/polling";
export type { PredictionCreateOptions, WebhookEventType } from "./internal/prediction-request";
export type { DeploymentPredictionCreateParams } from "./resources/deployment-predictions";
export type { ModelPredictionCreateParams } from "./resources/model-predictions";
export type {
  PredictionCreateParams,
  PredictionInput,
  PredictionListParams,
  PredictionReference,
} from "./resources/predictions";
export type { RunOptions } from "./run";
export {
  Prediction,
  type PredictionMetrics,
  type PredictionUrls,
  type PredictionWire,
} from "./wrappers/prediction";
export type { Progress } from "./wrappers/progress";
export { isTerminalStatus, PREDICTION_STATUSES, type PredictionStatus } from "./wrappers/status";

import type { Page } from "./core/page";
import type { Prediction } from "./wrappers/prediction";
/** The seed's name for a page of predictions. */
export type PaginatedPredictions = Page<Prediction>;
