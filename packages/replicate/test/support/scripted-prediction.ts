import type { PredictionWire } from "replicate-ts";
import { type LoopbackServer, sendJson, startLoopbackServer } from "./loopback-server";
import { predictionWire } from "./predictions";

export interface ScriptedPredictionServer extends LoopbackServer {
  /** How many GETs of the prediction were answered. */
  gets(): number;
  /** How many cancel requests arrived. */
  cancels(): number;
  /** How many creates were answered (an answer may be held back by `createDelayMs`). */
  createsAnswered(): number;
}

/**
 * A server whose prediction `p1` moves through `states`: the create answers with the first, and
 * each GET with the next (staying on the last). A cancel answers `canceled`.
 */
export async function startScriptedPrediction(
  states: Partial<PredictionWire>[],
  options: { createDelayMs?: number } = {},
): Promise<ScriptedPredictionServer> {
  let getCount = 0;
  let cancelCount = 0;
  let createsAnswered = 0;
  const server: LoopbackServer = await startLoopbackServer((request, response) => {
    const at = (index: number) =>
      predictionWire(server.origin, states[Math.min(index, states.length - 1)] ?? {});
    if (request.method === "POST" && request.url.endsWith("/cancel")) {
      cancelCount++;
      sendJson(response, 200, predictionWire(server.origin, { status: "canceled" }));
    } else if (request.method === "POST") {
      setTimeout(() => {
        createsAnswered++;
        sendJson(response, 201, at(0));
      }, options.createDelayMs ?? 0);
    } else {
      getCount++;
      sendJson(response, 200, at(getCount));
    }
  });
  return Object.assign(server, {
    gets: () => getCount,
    cancels: () => cancelCount,
    createsAnswered: () => createsAnswered,
  });
}
