import Replicate, { InvalidArgumentError } from "replicate-ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./support/loopback-server";
import { VERSION_ID } from "./support/wire-fixtures";

/**
 * Bad arguments to every method of models, collections, deployments, trainings and search, and
 * to predictions and run() where an argument or its options are missing or out of range:
 * each is refused with a one-sentence InvalidArgumentError, as a rejected promise (never a
 * synchronous throw), before anything reaches the wire.
 */

type Call = (replicate: Replicate) => PromiseLike<unknown> | AsyncIterable<unknown>;

const model = { modelOwner: "replicate", modelName: "hello-world" };
const deployment = { deploymentOwner: "acme", deploymentName: "image-maker" };
const training = {
  ...model,
  versionId: VERSION_ID,
  destination: "alice/trained",
  input: {},
};
const newModel = { owner: "alice", name: "m", visibility: "public", hardware: "cpu" } as const;
const newDeployment = {
  name: "d",
  model: "a/b",
  version: VERSION_ID,
  hardware: "cpu",
  minInstances: 0,
  maxInstances: 1,
};

const cases: [string, Call, RegExp][] = [
  // An empty owner, for every method that takes one.
  [
    "models.get empty owner",
    (r) => r.models.get({ ...model, modelOwner: "" }),
    /modelOwner is required/,
  ],
  [
    "models.update empty owner",
    (r) => r.models.update({ ...model, modelOwner: " ", description: "x" }),
    /modelOwner is required/,
  ],
  [
    "models.examples empty owner",
    (r) => r.models.examples({ ...model, modelOwner: "" }),
    /modelOwner is required/,
  ],
  [
    "models.readme empty owner",
    (r) => r.models.readme({ ...model, modelOwner: "" }),
    /modelOwner is required/,
  ],
  [
    "models.versions empty owner",
    (r) => r.models.versions({ ...model, modelOwner: "" }),
    /modelOwner is required/,
  ],
  [
    "models.version empty owner",
    (r) => r.models.version({ ...model, modelOwner: "", versionId: VERSION_ID }),
    /modelOwner is required/,
  ],
  [
    "models.delete empty owner",
    (r) => r.models.delete({ ...model, modelOwner: "" }),
    /modelOwner is required/,
  ],
  [
    "models.create empty owner",
    (r) => r.models.create({ ...newModel, owner: "" }),
    /owner is required/,
  ],
  [
    "deployments.get empty owner",
    (r) => r.deployments.get({ ...deployment, deploymentOwner: "" }),
    /deploymentOwner is required/,
  ],
  [
    "deployments.update empty owner",
    (r) => r.deployments.update({ ...deployment, deploymentOwner: "", maxInstances: 2 }),
    /deploymentOwner is required/,
  ],
  [
    "deployments.delete empty owner",
    (r) => r.deployments.delete({ ...deployment, deploymentOwner: "" }),
    /deploymentOwner is required/,
  ],
  [
    "trainings.create empty owner",
    (r) => r.trainings.create({ ...training, modelOwner: "" }),
    /modelOwner is required/,
  ],
  // A "/" in a name.
  [
    "models.get slash in name",
    (r) => r.models.get({ ...model, modelName: "hello/world" }),
    /modelName must not contain "\/"/,
  ],
  [
    "models.create slash in name",
    (r) => r.models.create({ ...newModel, name: "a/b" }),
    /name must not contain "\/"/,
  ],
  [
    "models.version slash in version",
    (r) => r.models.version({ ...model, versionId: "a/b" }),
    /versionId must not contain "\/"/,
  ],
  [
    "models.delete slash in version",
    (r) => r.models.delete({ ...model, versionId: "../x/y" }),
    /versionId must not contain "\/"/,
  ],
  [
    "collections.get slash in slug",
    (r) => r.collections.get({ collectionSlug: "a/b" }),
    /collectionSlug must not contain "\/"/,
  ],
  [
    "models.collection empty slug",
    (r) => r.models.collection({ collectionSlug: "" }),
    /collectionSlug is required/,
  ],
  [
    "deployments.get slash in name",
    (r) => r.deployments.get({ ...deployment, deploymentName: "a/b" }),
    /deploymentName must not contain "\/"/,
  ],
  [
    "deployments.create slash in name",
    (r) => r.deployments.create({ ...newDeployment, name: "x/y" }),
    /name must not contain "\/"/,
  ],
  [
    "trainings.get slash in id",
    (r) => r.trainings.get({ trainingId: "t1/cancel" }),
    /trainingId must not contain "\/"/,
  ],
  [
    "trainings.cancel empty id",
    (r) => r.trainings.cancel({ trainingId: "" }),
    /trainingId is required/,
  ],
  [
    "trainings.snapshots empty id",
    (r) => r.trainings.snapshots({ trainingId: "" }),
    /trainingId is required/,
  ],
  [
    "trainings.wait empty id",
    (r) => r.trainings.wait({ trainingId: "" }),
    /trainingId is required/,
  ],
  // Missing or wrong fields.
  [
    "models.get without params",
    (r) => r.models.get(undefined as never),
    /models\.get\(\) takes an object of named parameters/,
  ],
  [
    "models.create bad visibility",
    (r) => r.models.create({ ...newModel, visibility: "secret" as never }),
    /visibility must be "public" or "private" \(got "secret"\)/,
  ],
  [
    "models.create without hardware",
    (r) => r.models.create({ ...newModel, hardware: undefined as never }),
    /hardware is required/,
  ],
  [
    "models.create non-string URL",
    (r) => r.models.create({ ...newModel, githubUrl: 42 as never }),
    /githubUrl must be a string/,
  ],
  ["models.update nothing to change", (r) => r.models.update(model), /nothing to change/],
  [
    "models.list bad sortBy",
    (r) => r.models.list({ sortBy: "name" as never }),
    /sortBy must be "model_created_at" or "latest_version_created_at"/,
  ],
  [
    "models.list bad direction",
    (r) => r.models.list({ sortDirection: "up" as never }),
    /sortDirection must be "asc" or "desc"/,
  ],
  ["models.search empty query", (r) => r.models.search({ query: "  " }), /query is required/],
  [
    "deployments.create bad model",
    (r) => r.deployments.create({ ...newDeployment, model: "just-a-name" }),
    /model must be "owner\/name"/,
  ],
  [
    "deployments.create min above 5",
    (r) => r.deployments.create({ ...newDeployment, minInstances: 6, maxInstances: 10 }),
    /minInstances must be a whole number from 0 to 5/,
  ],
  [
    "deployments.create max above 20",
    (r) => r.deployments.create({ ...newDeployment, maxInstances: 21 }),
    /maxInstances must be a whole number from 0 to 20/,
  ],
  [
    "deployments.create min over max",
    (r) => r.deployments.create({ ...newDeployment, minInstances: 3, maxInstances: 2 }),
    /minInstances \(3\) must not be more than maxInstances \(2\)/,
  ],
  [
    "deployments.create fractional",
    (r) => r.deployments.create({ ...newDeployment, maxInstances: 1.5 }),
    /maxInstances must be a whole number/,
  ],
  [
    "deployments.update nothing to change",
    (r) => r.deployments.update(deployment),
    /nothing to change/,
  ],
  [
    "trainings.create bad destination",
    (r) => r.trainings.create({ ...training, destination: "trained" }),
    /destination must be "owner\/name"/,
  ],
  [
    "trainings.create destination with version",
    (r) => r.trainings.create({ ...training, destination: "a/b:123" }),
    /destination must be "owner\/name"/,
  ],
  [
    "trainings.create input not an object",
    (r) => r.trainings.create({ ...training, input: "x" as never }),
    /input must be an object/,
  ],
  [
    "trainings.create bad webhook",
    (r) => r.trainings.create({ ...training, webhook: "ftp://x" }),
    /webhook must be an http\(s\) URL/,
  ],
  [
    "trainings.create bad event",
    (r) =>
      r.trainings.create({
        ...training,
        webhook: "https://x.test",
        webhookEventsFilter: ["done" as never],
      }),
    /Unknown webhook event/,
  ],
  // Predictions and run(): missing objects, and request, wait and snapshot options.
  [
    "run without options",
    (r) => (r.run as (reference: string) => Promise<unknown>)("owner/model:v1"),
    /run\(\) takes an object of named parameters/,
  ],
  [
    "models.predictions.create without params",
    (r) => r.models.predictions.create(undefined as never),
    /models\.predictions\.create\(\) takes an object of named parameters/,
  ],
  [
    "deployments.predictions.create without params",
    (r) => r.deployments.predictions.create(undefined as never),
    /deployments\.predictions\.create\(\) takes an object of named parameters/,
  ],
  [
    "predictions.get without params",
    (r) => r.predictions.get(undefined as never),
    /predictions\.get\(\) takes an object of named parameters/,
  ],
  [
    "predictions.cancel without params",
    (r) => r.predictions.cancel(undefined as never),
    /predictions\.cancel\(\) takes an object of named parameters/,
  ],
  [
    "predictions.snapshots without params",
    (r) => r.predictions.snapshots(undefined as never),
    /predictions\.snapshots\(\) takes an object of named parameters/,
  ],
  ["predictions.snapshots empty id", (r) => r.predictions.snapshots({ id: "" }), /id is required/],
  [
    "files.get without params",
    (r) => r.files.get(undefined as never),
    /files\.get\(\) takes an object of named parameters/,
  ],
  [
    "per-call timeout not a number",
    (r) => r.predictions.get({ id: "p1" }, { timeout: "abc" as never }),
    /timeout must be a positive number of milliseconds \(got abc\)/,
  ],
  [
    "per-call timeout 0",
    (r) => r.models.list({}, { timeout: 0 }),
    /timeout must be a positive number of milliseconds/,
  ],
  [
    "per-call maxRetries negative",
    (r) => r.predictions.get({ id: "p1" }, { maxRetries: -1 }),
    /maxRetries must be a whole number, 0 or more \(got -1\)/,
  ],
  [
    "per-call signal that is not an AbortSignal",
    (r) => r.account.get({ signal: "stop" as never }),
    /signal must be an AbortSignal/,
  ],
  [
    "request options that are not an object",
    (r) => r.hardware.list("fast" as never),
    /request options must be an object/,
  ],
  [
    "wait with a negative pollingInterval",
    (r) => r.predictions.wait({ id: "p1" }, { pollingInterval: -5 }),
    /pollingInterval must be a positive number of milliseconds \(got -5\)/,
  ],
  [
    "wait with a timeout that is not a number",
    (r) => r.trainings.wait({ trainingId: "t1" }, { timeout: Number.NaN }),
    /timeout must be a positive number of milliseconds \(got NaN\)/,
  ],
  [
    "snapshots with a pollingInterval of 0",
    (r) => r.predictions.snapshots({ id: "p1", pollingInterval: 0 }),
    /pollingInterval must be a positive number of milliseconds/,
  ],
  [
    "training snapshots with a negative pollingInterval",
    (r) => r.trainings.snapshots({ trainingId: "t1", pollingInterval: -1 }),
    /pollingInterval must be a positive number of milliseconds/,
  ],
  ["search empty query", (r) => r.search({ query: "" }), /query is required/],
  [
    "search limit 0",
    (r) => r.search({ query: "x", limit: 0 }),
    /limit must be a whole number from 1 to 50/,
  ],
  [
    "search limit 51",
    (r) => r.search({ query: "x", limit: 51 }),
    /limit must be a whole number from 1 to 50/,
  ],
];

describe("bad input", () => {
  let server: LoopbackServer;
  let replicate: Replicate;
  beforeAll(async () => {
    server = await startLoopbackServer((_request, response) => sendJson(response, 200, {}));
    replicate = new Replicate({ auth: "r8_bad_input_token", baseUrl: server.baseUrl });
  });
  afterAll(() => server.close());

  it.each(cases)(
    "%s: refused with a clear error before any request",
    async (_name, call, message) => {
      let pending: ReturnType<Call> | undefined;
      expect(() => {
        pending = call(replicate);
      }).not.toThrow();
      const settle = async () => {
        if (pending && Symbol.asyncIterator in pending) {
          for await (const _ of pending as AsyncIterable<unknown>) break;
        } else {
          await pending;
        }
      };
      const error = await settle().then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(message);
      // One sentence, and nothing about the token.
      expect((error as Error).message.trim().split(/(?<=\.)\s+(?=[A-Z])/)).toHaveLength(1);
      expect((error as Error).message).not.toContain("r8_bad_input_token");
      expect(server.requests).toHaveLength(0);
    },
  );
});
