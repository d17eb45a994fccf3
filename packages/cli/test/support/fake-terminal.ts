import { Writable } from "node:stream";

/** A writable that says it is a terminal and keeps everything written to it. */
export class FakeTerminal extends Writable {
  readonly isTTY = true;
  readonly columns = 120;
  readonly rows = 40;
  written = "";

  override _write(chunk: Buffer | string, _encoding: string, callback: () => void): void {
    this.written += chunk.toString();
    callback();
  }

  // readline's cursor helpers call these on a TTY stream.
  cursorTo(_x: number, _y?: number | (() => void), callback?: () => void): boolean {
    callback?.();
    return true;
  }

  moveCursor(_dx: number, _dy: number, callback?: () => void): boolean {
    callback?.();
    return true;
  }

  clearLine(_direction: number, callback?: () => void): boolean {
    callback?.();
    return true;
  }

  clearScreenDown(callback?: () => void): boolean {
    callback?.();
    return true;
  }

  /** What was written, without ANSI escape sequences. */
  get text(): string {
    return stripAnsi(this.written);
  }
}

/** Removes ANSI escape sequences (colours, cursor movement). */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI sequences start with ESC.
  return text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "");
}
