import { ManualClock } from "@replicate-ts/emulator";
import { describe, expect, test } from "vitest";
import { cogOpenApiSchema } from "../src/models/cog-schema";
import { modelInputValidator } from "../src/models/input-validation";
import { DeliveryStore } from "../src/store/deliveries";
import { type JobRecord, newJob } from "../src/store/jobs";
import { WebhookDispatcher } from "../src/webhooks/dispatcher";
import { startReceiver } from "./helpers/receiver";

/** The id in a published file's URL (`emulator-origin:/delivery/<id>/<name>`). */
function idOf(url: string): string {
  return url.split("/")[2] ?? "";
}

describe("what the emulator keeps does not grow without bound", () => {
  test("output files past the byte budget are dropped least recently served first; pinned ones stay", () => {
    const deliveries = new DeliveryStore(100);
    const file = (size: number) => new Uint8Array(size);
    const type = { filename: "out.bin", contentType: "application/octet-stream" };
    const example = idOf(deliveries.publish(file(80), type, { pinned: true }));
    const older = idOf(deliveries.publish(file(60), type));
    const newer = idOf(deliveries.publish(file(30), type));
    expect(deliveries.get(older)).toBeDefined(); // served: now the most recently used
    const newest = idOf(deliveries.publish(file(30), type));
    expect(deliveries.get(newer)).toBeUndefined();
    expect(deliveries.get(older)).toBeDefined();
    expect(deliveries.get(newest)).toBeDefined();
    expect(deliveries.get(example)).toBeDefined();
  });

  test("the webhook dispatcher forgets a job once its deliveries are done, retries included", async () => {
    const receiver = await startReceiver();
    const clock = new ManualClock();
    const dispatcher = new WebhookDispatcher({
      clock,
      secret: () => "whsec_c2VjcmV0",
      logger: { info: () => {}, error: () => {} },
    });
    try {
      receiver.failNext(200, 500); // start gets through; the first `completed` fails, is retried
      const job = finishedJob("job1", receiver.url);
      dispatcher.notify(job, "start");
      dispatcher.notify(job, "completed");
      await dispatcher.idle();
      expect(dispatcher.deliveries.map((d) => d.status)).toEqual([200, 500]);
      expect(dispatcher.activeJobs).toBe(1); // a retry is waiting for its backoff
      await clock.advance(1_000);
      await receiver.waitFor(3);
      await dispatcher.idle();
      await new Promise((resolve) => setImmediate(resolve));
      expect(dispatcher.deliveries.map((d) => d.status)).toEqual([200, 500, 200]);
      expect(dispatcher.activeJobs).toBe(0);
    } finally {
      dispatcher.close();
      await receiver.close();
    }
  });

  test("equal model schemas (one per trained version) share one compiled validator", () => {
    const schema = () =>
      cogOpenApiSchema({
        input: { required: ["text"], properties: { text: { type: "string" } } },
        output: { type: "string" },
      });
    const first = modelInputValidator(schema());
    expect(first).not.toBeNull();
    expect(modelInputValidator(schema())).toBe(first);
  });
});

function finishedJob(id: string, webhook: string): JobRecord {
  return newJob({
    kind: "prediction",
    id,
    sequence: 1,
    model: "replicate/hello-world",
    version: "v",
    input: {},
    createdAt: 0,
    status: "succeeded",
    output: "hello",
    webhook,
    webhookEventsFilter: ["start", "completed"],
    origin: "http://emulator.test",
  });
}
