const PARTIAL_BLOCKS = " ▏▎▍▌▋▊▉";
const BAR_WIDTH = 10;

function clockTime(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const minutes = Math.floor(whole / 60);
  return `${String(minutes).padStart(2, "0")}:${String(whole % 60).padStart(2, "0")}`;
}

/**
 * A progress line in tqdm's default format, as Cog models print them and as clients parse them
 * from `logs`: ` 45%|████▌     | 45/100 [00:01<00:01, 30.0it/s]`.
 *
 * @param elapsedSeconds emulated seconds since the loop started
 */
export function tqdmLine(current: number, total: number, elapsedSeconds: number): string {
  const fraction = total > 0 ? Math.min(1, current / total) : 1;
  const percent = `${String(Math.floor(fraction * 100)).padStart(3, " ")}%`;
  const cells = fraction * BAR_WIDTH;
  const full = Math.floor(cells);
  const partialIndex = Math.floor((cells - full) * PARTIAL_BLOCKS.length);
  let bar = "█".repeat(full);
  if (full < BAR_WIDTH) bar += partialIndex > 0 ? PARTIAL_BLOCKS[partialIndex] : " ";
  bar = bar.padEnd(BAR_WIDTH, " ");

  const rate = elapsedSeconds > 0 && current > 0 ? current / elapsedSeconds : undefined;
  const remaining = rate ? clockTime((total - current) / rate) : "?";
  const rateText = rate ? `${rate.toFixed(1)}it/s` : "?it/s";
  return `${percent}|${bar}| ${current}/${total} [${clockTime(elapsedSeconds)}<${remaining}, ${rateText}]`;
}

/**
 * Steps that take `durationMs` emulated milliseconds and log a tqdm line `updates` times along
 * the way (plus the 0% line at the start), counting `total` iterations.
 */
export function* progressSteps(
  total: number,
  durationMs: number,
  updates = 10,
): Generator<{ sleep: number } | { log: string }, void, void> {
  yield { log: tqdmLine(0, total, 0) };
  const count = Math.max(1, Math.min(updates, total));
  for (let i = 1; i <= count; i++) {
    yield { sleep: durationMs / count };
    const current = Math.round((total * i) / count);
    yield { log: tqdmLine(current, total, (durationMs * i) / count / 1000) };
  }
}
