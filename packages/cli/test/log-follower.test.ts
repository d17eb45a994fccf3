import { describe, expect, it } from "vitest";
import { isProgressLine, LogFollower, progressIn } from "../src/display/log-follower";

describe("LogFollower", () => {
  it("hands out each complete line once as the logs grow", () => {
    const follower = new LogFollower();
    expect(follower.push("loading\n")).toEqual(["loading"]);
    expect(follower.push("loading\nstep 1\nstep 2\n")).toEqual(["step 1", "step 2"]);
    expect(follower.push("loading\nstep 1\nstep 2\n")).toEqual([]);
  });

  it("holds back a line until its newline arrives, and flushes it at the end", () => {
    const follower = new LogFollower();
    expect(follower.push("half")).toEqual([]);
    expect(follower.push("half a line\nnext")).toEqual(["half a line"]);
    expect(follower.flush()).toEqual(["next"]);
    expect(follower.flush()).toEqual([]);
  });

  it("leaves out tqdm progress lines and keeps the last redraw of a carriage-returned line", () => {
    const follower = new LogFollower();
    const logs =
      "start\n  0%|          | 0/10 [00:00<?, ?it/s]\r 50%|█████     | 5/10 [00:01<00:01, 5it/s]\n" +
      "downloading 10%\rdownloading 100%\ndone\n";
    expect(follower.push(logs)).toEqual(["start", "downloading 100%", "done"]);
  });

  it("starts over when the logs are rewritten rather than extended", () => {
    const follower = new LogFollower();
    follower.push("first run\n");
    expect(follower.push("second run\n")).toEqual(["second run"]);
  });

  it("accepts missing logs", () => {
    const follower = new LogFollower();
    expect(follower.push(undefined)).toEqual([]);
    expect(follower.push(null)).toEqual([]);
  });
});

describe("progress lines", () => {
  it("recognises tqdm's default format", () => {
    expect(isProgressLine(" 45%|████▌     | 45/100 [00:01<00:01, 30.0it/s]")).toBe(true);
    expect(isProgressLine("45% done")).toBe(false);
  });

  it("finds the latest progress in logs", () => {
    const logs = "  0%|          | 0/8 [00:00<?, ?it/s]\n 50%|█████     | 4/8 [00:01<00:01]\nok\n";
    expect(progressIn(logs)).toEqual({ percentage: 50, current: 4, total: 8 });
    expect(progressIn("no progress here\n")).toBeUndefined();
  });
});
