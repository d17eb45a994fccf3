// Type tests: checked by `npm run typecheck` (tsc over packages/*/test), never run. A generic that
// stops flowing through makes an expectTypeOf call or an @ts-expect-error line fail to compile.
// test-package/consumer/type-assertions.ts checks the same against the built .d.ts files.
import type Replicate from "replicate-ts";
import type { Prediction, PredictionCreateParams } from "replicate-ts";
import { expectTypeOf } from "vitest";

type TextInput = { text: string; repeat?: number };
type Caption = { caption: string; confidence: number };

declare const replicate: Replicate;

export async function runGenerics(): Promise<void> {
  expectTypeOf(await replicate.run<string>("owner/model", { input: {} })).toEqualTypeOf<string>();
  expectTypeOf(await replicate.run("owner/model", { input: {} })).toEqualTypeOf<unknown>();
  expectTypeOf(
    await replicate.run<Caption[], TextInput>("owner/model", { input: { text: "hi" } }),
  ).toEqualTypeOf<Caption[]>();
  // @ts-expect-error the input must match the Input type given to run()
  await replicate.run<Caption[], TextInput>("owner/model", { input: { text: 42 } });
}

export async function createGenerics(): Promise<void> {
  const prediction = await replicate.predictions.create<Caption, TextInput>({
    version: "owner/model:version",
    input: { text: "hi", repeat: 2 },
  });
  expectTypeOf(prediction).toEqualTypeOf<Prediction<Caption, TextInput>>();
  expectTypeOf(prediction.output).toEqualTypeOf<Caption | null>();
  expectTypeOf(prediction.input).toEqualTypeOf<TextInput>();

  expectTypeOf(replicate.predictions.create<Caption, TextInput>)
    .parameter(0)
    .toEqualTypeOf<PredictionCreateParams<TextInput>>();
  // @ts-expect-error an input missing a required field of Input does not compile
  await replicate.predictions.create<Caption, TextInput>({ version: "v", input: { repeat: 1 } });

  const untyped = await replicate.predictions.create({ version: "v", input: { anything: 1 } });
  expectTypeOf(untyped.output).toEqualTypeOf<unknown>();
}

export async function waitKeepsTheOutputType(prediction: Prediction<Caption>): Promise<void> {
  expectTypeOf(
    (await replicate.predictions.wait(prediction)).output,
  ).toEqualTypeOf<Caption | null>();
  expectTypeOf(
    (await replicate.predictions.get<Caption>({ id: "x" })).output,
  ).toEqualTypeOf<Caption | null>();
}

// Inputs typed with an `interface` (which has no index signature, so it is not a
// Record<string, unknown>) are accepted wherever an input goes, and keep their type.
interface PromptInput {
  prompt: string;
  steps?: number;
}
declare const promptInput: PromptInput;

export async function interfaceInputs(): Promise<void> {
  const created = await replicate.predictions.create({ version: "v", input: promptInput });
  expectTypeOf(created.input).toEqualTypeOf<PromptInput>();
  expectTypeOf(
    await replicate.run<string, PromptInput>("o/m", { input: promptInput }),
  ).toEqualTypeOf<string>();
  await replicate.run("o/m", {
    input: promptInput,
    onProgress: (prediction) => expectTypeOf(prediction.input).toEqualTypeOf<PromptInput>(),
  });
  replicate.stream("o/m", { input: promptInput });
  const byModel = await replicate.models.predictions.create({
    modelOwner: "o",
    modelName: "m",
    input: promptInput,
  });
  expectTypeOf(byModel.input).toEqualTypeOf<PromptInput>();
  const byDeployment = await replicate.deployments.predictions.create({
    deploymentOwner: "o",
    deploymentName: "d",
    input: promptInput,
  });
  expectTypeOf(byDeployment.input).toEqualTypeOf<PromptInput>();
  await replicate.trainings.create({
    modelOwner: "o",
    modelName: "m",
    versionId: "v",
    destination: "a/b",
    input: promptInput,
  });
  const waited = await replicate.predictions.wait(created);
  expectTypeOf(waited.input).toEqualTypeOf<PromptInput>();
  // @ts-expect-error an input that is not an object is still refused
  await replicate.predictions.create({ version: "v", input: "a prompt" });
}
