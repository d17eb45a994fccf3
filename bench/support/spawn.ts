import { spawn } from "node:child_process";
import type { ChildReport, Job } from "../measure/jobs";

/**
 * Runs one job in a fresh `node --expose-gc` process and returns its report (the last line of
 * its stdout). Its stderr passes through. A child that fails or outlives `timeoutMs` rejects.
 */
export function runChild(script: string, job: Job, timeoutMs: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", script, JSON.stringify(job)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      output += text;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const what = `${job.workload} with ${job.client}`;
      if (signal) return reject(new Error(`${what}: killed by ${signal} (limit ${timeoutMs} ms)`));
      if (code !== 0) return reject(new Error(`${what}: the child exited with code ${code}`));
      try {
        resolve(JSON.parse(output.trim().split("\n").pop() ?? "") as ChildReport);
      } catch {
        reject(new Error(`${what}: no report on stdout (${output.slice(0, 200)})`));
      }
    });
  });
}
