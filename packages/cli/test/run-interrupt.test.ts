import type { IncomingMessage } from "node:http";
import { BUILTIN } from "@replicate-ts/emulator";
import { describe, it } from "vitest";
import { startCli } from "./support/cli-binary";
import { useEmulatorHarness } from "./support/emulator-harness";
import { startHoldingProxy } from "./support/holding-proxy";

// Ctrl-C and SIGTERM while `replicate-ts run` works, through the built binary. The tests are
// independent (each finds its prediction by a `seconds` value of its own), so they run at once.
const harness = useEmulatorHarness();

/** The CLI's prediction on the emulator: the one of replicate-ts/slow with these seconds. */
async function predictionWithSeconds(seconds: number) {
  const { results } = await harness.replicate.predictions.list();
  return results.find((p) => p.model === BUILTIN.slow.model && p.input.seconds === seconds);
}

const isCreate = (request: IncomingMessage) =>
  request.method === "POST" && /\/predictions$/.test(request.url ?? "");

describe.concurrent("replicate-ts run, interrupted", () => {
  it.for([
    ["SIGINT", 3001],
    ["SIGTERM", 3002],
  ] as const)(
    "cancels the remote prediction on %s and exits 1",
    async ([signal, seconds], { expect }) => {
      const running = harness.start(["run", BUILTIN.slow.model, `seconds=${seconds}`]);
      // Wait until the CLI's prediction is running on the emulator, then send the signal.
      const prediction = await running.waitFor(async () => {
        const found = await predictionWithSeconds(seconds);
        return found?.isRunning ? found : undefined;
      }, "the prediction to run");
      running.child.kill(signal);
      const result = await running.result;
      expect(result).toMatchObject({ code: 1 });
      expect(result.stderr).toMatch(/Error: replicate-ts\/slow canceled/);
      expect((await harness.replicate.predictions.get({ id: prediction.id })).status).toBe(
        "canceled",
      );
    },
  );

  // The create request has reached the emulator (the prediction exists) but its answer, with
  // the id, has not reached the CLI: Ctrl-C must neither lose the prediction nor hang silently.
  it.for<[string, string[], number]>([
    ["--wait 5", ["--wait", "5"], 3011],
    ["--stream", ["--stream"], 3012],
    ["--no-wait", ["--no-wait"], 3013],
  ])(
    "with %s, Ctrl-C before the id is known says so at once, then cancels the prediction once it is",
    async ([, flags, seconds], { expect }) => {
      const proxy = await startHoldingProxy(harness.emulator.baseUrl, isCreate);
      try {
        const running = startCli(["run", BUILTIN.slow.model, `seconds=${seconds}`, ...flags], {
          cwd: harness.workDir,
          env: harness.env({ REPLICATE_BASE_URL: proxy.baseUrl }),
        });
        await proxy.held;
        const created = await predictionWithSeconds(seconds);
        expect(created).toBeDefined();
        running.child.kill("SIGINT");
        // Said at once, off a terminal too, while the answer is still held back.
        await running.waitFor(
          () =>
            /Waiting for the prediction's id to cancel it/.test(running.stderr) ? true : undefined,
          "the note that it waits for the id",
        );
        expect((await harness.replicate.predictions.get({ id: created!.id })).status).not.toBe(
          "canceled",
        );
        proxy.release();
        const result = await running.result;
        expect(result).toMatchObject({ code: 1 });
        expect((await harness.replicate.predictions.get({ id: created!.id })).status).toBe(
          "canceled",
        );
        if (flags[0] !== "--no-wait") {
          expect(result.stderr).toMatch(/Error: replicate-ts\/slow canceled .*\(prediction \w+\)/);
        } else {
          expect(result.stdout).toBe(`${created!.id} canceled\n`);
        }
      } finally {
        await proxy.close();
      }
    },
  );

  it("a second Ctrl-C quits at once with exit code 130", async ({ expect }) => {
    const seconds = 3021;
    const proxy = await startHoldingProxy(harness.emulator.baseUrl, isCreate);
    try {
      const running = startCli(["run", BUILTIN.slow.model, `seconds=${seconds}`], {
        cwd: harness.workDir,
        env: harness.env({ REPLICATE_BASE_URL: proxy.baseUrl }),
      });
      await proxy.held;
      running.child.kill("SIGINT");
      await running.waitFor(
        () => (/Waiting for the prediction's id/.test(running.stderr) ? true : undefined),
        "the note that it waits for the id",
      );
      running.child.kill("SIGINT");
      expect(await running.result).toMatchObject({ code: 130 });
    } finally {
      await proxy.close();
      const left = await predictionWithSeconds(seconds);
      if (left) await harness.replicate.predictions.cancel({ id: left.id });
    }
  });
});
