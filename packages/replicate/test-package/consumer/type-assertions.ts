// Compile-time checks that a consumer sees the SDK's generics as documented. Nothing here runs:
// a wrong type makes `tsc` fail, which fails `npm run test:package`.
import Replicate, { type Prediction, ReplicateError } from "replicate-ts";

/** True exactly when A and B are the same type (not merely assignable either way). */
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<_Check extends true>(): void {}

// A type alias: an interface has no index signature, so it does not satisfy the SDK's
// `Record<string, unknown>` constraint on Input.
type ImageInput = {
  prompt: string;
  steps: number;
};

export async function typedUsage(replicate: Replicate): Promise<void> {
  // run<Output>() returns the output type the caller names...
  const images = await replicate.run<string[]>("owner/model", { input: { prompt: "a" } });
  expectTrue<Equal<typeof images, string[]>>();
  // ...and unknown when the caller names none: no `any` leaks out.
  const untyped = await replicate.run("owner/model", { input: {} });
  expectTrue<Equal<typeof untyped, unknown>>();

  // run<Output, Input>() checks the input against the named Input type.
  await replicate.run<string[], ImageInput>("owner/model", { input: { prompt: "a", steps: 4 } });
  // @ts-expect-error steps must be a number when Input says so
  await replicate.run<string[], ImageInput>("owner/model", { input: { prompt: "a", steps: "4" } });

  // predictions.create<Output, Input>() carries both into the Prediction.
  const prediction = await replicate.predictions.create<{ url: string }, ImageInput>({
    version: "owner/model:version",
    input: { prompt: "a", steps: 4 },
  });
  expectTrue<Equal<typeof prediction, Prediction<{ url: string }, ImageInput>>>();
  expectTrue<Equal<typeof prediction.output, { url: string } | null>>();
  expectTrue<Equal<typeof prediction.input, ImageInput>>();
  await replicate.predictions.create<unknown, ImageInput>({
    version: "owner/model:version",
    // @ts-expect-error prompt must be a string when Input says so
    input: { prompt: 1, steps: 4 },
  });

  // The output type flows through wait().
  const finished = await replicate.predictions.wait(prediction);
  expectTrue<Equal<typeof finished.output, { url: string } | null>>();
  expectTrue<Equal<typeof finished.createdAt, Date | undefined>>();

  // Errors narrow with instanceof.
  try {
    await replicate.predictions.get({ id: "abc" });
  } catch (error) {
    if (error instanceof ReplicateError) {
      expectTrue<Equal<typeof error.message, string>>();
    }
  }
}

export function seedStyle(): Replicate {
  Replicate.apiKey = "r8_example";
  return Replicate.instance;
}
