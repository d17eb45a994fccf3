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
  FileExpiredError,
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
  WebhookVerificationError,
  type WebhookVerificationFailure,
} from "./core/errors";
export type { HttpMethod, QueryValue } from "./core/http";
export type { Logger, LogLevel } from "./core/logger";
export type {
  ClientOptions,
  FetchFunction,
  FileEncodingStrategy,
  RequestOptions,
} from "./core/options";
export { Page, type PageLoader, PagePromise, type PaginatedWire } from "./core/page";
export { VERSION } from "./core/version";

import type { components } from "./generated/openapi";
/**
 * The API's schemas, generated from its OpenAPI document: `WireComponents["schemas"][name]`.
 * (The paths and operations are not exported: they would double the size of the declarations.)
 */
export type WireComponents = components;
export { MAX_DATA_URI_BYTES } from "./internal/file-inputs";
export {
  type FileInput,
  type FileSource,
  isFileSource,
  markFileSource,
} from "./internal/file-source";
export type { FileCreateParams } from "./internal/file-upload";
export type { SaveProgress } from "./internal/platform";
export type { SnapshotOptions, WaitOptions } from "./internal/polling";
export type { PredictionCreateOptions, WebhookEventType } from "./internal/prediction-request";
export type { TrainingCreateParams } from "./internal/training-request";
// The resource classes, as types: users name them (a function taking `Predictions`), while
// only the client creates them.
export type { Account } from "./resources/account";
export type { CollectionReference, Collections } from "./resources/collections";
export type {
  DeploymentPredictionCreateParams,
  DeploymentPredictions,
} from "./resources/deployment-predictions";
export type {
  DeploymentCreateParams,
  DeploymentReference,
  Deployments,
  DeploymentUpdateParams,
} from "./resources/deployments";
export type {
  FileDownloadParams,
  FileDownloadUrl,
  FileReference,
  Files,
} from "./resources/files";
export type { Hardware } from "./resources/hardware";
export type {
  ModelPredictionCreateParams,
  ModelPredictions,
} from "./resources/model-predictions";
export type {
  ModelCreateParams,
  ModelDeleteParams,
  ModelListParams,
  ModelReference,
  ModelSearchParams,
  ModelSortField,
  Models,
  ModelUpdateParams,
  ModelVersionReference,
} from "./resources/models";
export type {
  PredictionCreateParams,
  PredictionInput,
  PredictionListParams,
  PredictionReference,
  Predictions,
} from "./resources/predictions";
export type { SearchParams } from "./resources/search";
export type { TrainingReference, Trainings } from "./resources/trainings";
export type { Webhooks } from "./resources/webhooks";
export type { RunOptions } from "./run";
export {
  PredictionStream,
  type ServerSentEvent,
  type StreamOptions,
} from "./streaming/event-stream";
export type { StreamRunOptions } from "./streaming/stream-sources";
export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  parseWebhook,
  validateWebhook,
  type WebhookHeaders,
  type WebhookOptions,
  type WebhookToValidate,
} from "./webhooks";
export { type AccountWire, ReplicateAccount } from "./wrappers/account";
export {
  CollectionSummary,
  type CollectionSummaryWire,
  ModelsCollection,
  type ModelsCollectionWire,
} from "./wrappers/collection";
export {
  Deployment,
  type DeploymentConfiguration,
  type DeploymentRelease,
  type DeploymentReleaseCreator,
  type DeploymentWire,
} from "./wrappers/deployment";
export { type FileUrls, type FileWire, ReplicateFile } from "./wrappers/file";
export {
  FileOutput,
  isFileUrl,
  type ReadOptions,
  type SaveToOptions,
} from "./wrappers/file-output";
export { type HardwareWire, ReplicateHardware } from "./wrappers/hardware";
export type { Job, JobMetrics, JobWire } from "./wrappers/job";
export { type ModelVisibility, type ModelWire, ReplicateModel } from "./wrappers/model";
export {
  ModelVersion,
  /** The seed's name for {@link ModelVersion}. */
  ModelVersion as ReplicateModelVersion,
  type ModelVersionWire,
} from "./wrappers/model-version";
export {
  Prediction,
  type PredictionMetrics,
  type PredictionUrls,
  type PredictionWire,
} from "./wrappers/prediction";
export type { Progress } from "./wrappers/progress";
export {
  type SearchCollectionResult,
  type SearchModelMetadata,
  type SearchModelResult,
  type SearchPageResult,
  SearchResults,
  type SearchResultsWire,
} from "./wrappers/search";
export { isTerminalStatus, PREDICTION_STATUSES, type PredictionStatus } from "./wrappers/status";
export {
  ReplicateTraining,
  type TrainingMetrics,
  type TrainingOutput,
  type TrainingUrls,
  type TrainingWire,
} from "./wrappers/training";
export { WebhookSecret, type WebhookSecretWire } from "./wrappers/webhook-secret";

import type { Page } from "./core/page";
import type { CollectionSummary as CollectionSummaryItem } from "./wrappers/collection";
import type { Deployment as DeploymentItem } from "./wrappers/deployment";
import type { ReplicateModel as ModelItem } from "./wrappers/model";
import type { ModelVersion as ModelVersionItem } from "./wrappers/model-version";
import type { Prediction } from "./wrappers/prediction";
import type { ReplicateTraining as TrainingItem } from "./wrappers/training";
/** The seed's name for a page of predictions. */
export type PaginatedPredictions = Page<Prediction>;
/** The seed's name for a page of models (`models.list()`, `models.search()`). */
export type PaginatedModels = Page<ModelItem>;
/** A page of model versions (`models.versions()`). */
export type PaginatedModelVersions = Page<ModelVersionItem>;
/** The seed's name for a page of trainings (`trainings.list()`). */
export type PaginatedTrainings = Page<TrainingItem>;
/** A page of deployments (`deployments.list()`). */
export type PaginatedDeployments = Page<DeploymentItem>;
/** A page of collections (`collections.list()`). */
export type PaginatedCollections = Page<CollectionSummaryItem>;
