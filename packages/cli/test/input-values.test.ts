import { describe, expect, it } from "vitest";
import { UsageError } from "../src/exit-codes";
import { inputSchemaOf } from "../src/input-schema";
import { LocalFile, parseInputArguments } from "../src/input-values";

// The shape Cog writes: enums as allOf + $ref, x-order for display order.
const openapi = {
  components: {
    schemas: {
      Input: {
        type: "object",
        required: ["prompt"],
        properties: {
          prompt: { type: "string", "x-order": 0 },
          steps: { type: "integer", default: 20, minimum: 1, maximum: 50, "x-order": 1 },
          guidance: { type: "number", minimum: 0, "x-order": 2 },
          upscale: { type: "boolean", "x-order": 3 },
          image: { type: "string", format: "uri", "x-order": 4 },
          tags: { type: "array", items: { type: "string" }, "x-order": 5 },
          extra: { type: "object", "x-order": 6 },
          scheduler: { allOf: [{ $ref: "#/components/schemas/scheduler" }], "x-order": 7 },
        },
      },
      scheduler: { type: "string", enum: ["DDIM", "K_EULER"] },
    },
  },
};
const schema = inputSchemaOf(openapi);

describe("parseInputArguments with the model's schema", () => {
  it("converts each value to its field's type", () => {
    const input = parseInputArguments(
      [
        "prompt=a fox",
        "steps=30",
        "guidance=7.5",
        "upscale=yes",
        'extra={"a":1}',
        "scheduler=K_EULER",
      ],
      schema,
    );
    expect(input).toEqual({
      prompt: "a fox",
      steps: 30,
      guidance: 7.5,
      upscale: true,
      extra: { a: 1 },
      scheduler: "K_EULER",
    });
  });

  it("takes decimal numbers as people type them, within the schema's range", () => {
    const input = parseInputArguments(["prompt=x", "guidance=.5", "steps=+50"], schema);
    expect(input).toMatchObject({ guidance: 0.5, steps: 50 });
    expect(parseInputArguments(["prompt=x", "guidance=2e1"], schema).guidance).toBe(20);
  });

  it("keeps a string field a string even when it looks like a number", () => {
    expect(parseInputArguments(["prompt=42"], schema)).toEqual({ prompt: "42" });
  });

  it("keeps everything after the first = as the value", () => {
    expect(parseInputArguments(["prompt=a=b"], schema)).toEqual({ prompt: "a=b" });
  });

  it("adds one item per repeated key of an array field, or takes a JSON array", () => {
    expect(parseInputArguments(["prompt=x", "tags=a", "tags=b"], schema).tags).toEqual(["a", "b"]);
    expect(parseInputArguments(["prompt=x", 'tags=["c","d"]'], schema).tags).toEqual(["c", "d"]);
  });

  it("marks key=@path of a file field as a local file to upload", () => {
    const input = parseInputArguments(["prompt=x", "image=@photo.png"], schema);
    expect(input.image).toBeInstanceOf(LocalFile);
    expect((input.image as LocalFile).path).toBe("photo.png");
  });

  it("keeps @ literally in a plain string field", () => {
    expect(parseInputArguments(["prompt=@home"], schema)).toEqual({ prompt: "@home" });
  });

  it.each([
    [["prompt=x", "steps=many"], /steps must be a whole number/],
    [["prompt=x", "guidance=high"], /guidance must be a number/],
    [["prompt=x", "guidance=0x10"], /guidance must be a number \(got "0x10"\)/],
    [["prompt=x", "guidance=0b1"], /guidance must be a number/],
    [["prompt=x", "guidance=0o7"], /guidance must be a number/],
    [["prompt=x", "guidance=Infinity"], /guidance must be a number/],
    [["prompt=x", "steps=0x10"], /steps must be a whole number/],
    [["prompt=x", "steps=99999999999999999999"], /steps must be a whole number/],
    [["prompt=x", "steps=0"], /^Input steps must be from 1 to 50 \(got 0\)\.$/],
    [["prompt=x", "steps=51"], /steps must be from 1 to 50 \(got 51\)/],
    [["prompt=x", "guidance=-0.5"], /^Input guidance must be at least 0 \(got -0.5\)\.$/],
    [["prompt=x", "upscale=maybe"], /upscale must be true or false/],
    [["prompt=x", "extra=[1]"], /extra must be a JSON object/],
    [["prompt=x", "extra={oops"], /extra must be JSON/],
    [["prompt=x", "scheduler=PNDM"], /scheduler must be one of "DDIM", "K_EULER"/],
    [["prompt=x", "colour=red"], /Unknown input "colour": this model takes prompt, steps/],
    [["steps=3"], /Missing required input prompt: add prompt=<value>/],
    [["prompt=x", "prompt=y"], /prompt was given twice/],
    [["prompt"], /Expected an input as key=value/],
    [["=x"], /Expected an input as key=value/],
  ])("rejects %j with a usage error", (args, message) => {
    expect(() => parseInputArguments(args, schema)).toThrow(UsageError);
    expect(() => parseInputArguments(args, schema)).toThrow(message);
  });
});

describe("parseInputArguments without a schema", () => {
  it("parses values that read as JSON and keeps the rest as text", () => {
    expect(
      parseInputArguments(
        ["n=3", "x=-1.5", "flag=true", "none=null", "list=[1,2]", "text=hello", "broken={no"],
        undefined,
      ),
    ).toEqual({
      n: 3,
      x: -1.5,
      flag: true,
      none: null,
      list: [1, 2],
      text: "hello",
      broken: "{no",
    });
  });

  it("treats key=@path as a local file", () => {
    expect(parseInputArguments(["image=@a.png"], undefined).image).toEqual(new LocalFile("a.png"));
  });
});

describe("inputSchemaOf", () => {
  it("orders fields as x-order says and resolves enum references", () => {
    expect([...schema!.fields.keys()].slice(0, 3)).toEqual(["prompt", "steps", "guidance"]);
    expect(schema!.fields.get("scheduler")?.enum).toEqual(["DDIM", "K_EULER"]);
    expect(schema!.required.has("prompt")).toBe(true);
  });

  it("is undefined for a schema without inputs", () => {
    expect(inputSchemaOf({})).toBeUndefined();
    expect(inputSchemaOf(undefined)).toBeUndefined();
  });
});
