/** Starts and stops a server and reports whether the host's Request and Response were replaced. */
import { startEmulator } from "../../src/index";

const { Request: OriginalRequest, Response: OriginalResponse } = globalThis;
const emulator = await startEmulator({ port: 0, quiet: true });
const afterStart =
  globalThis.Request === OriginalRequest && globalThis.Response === OriginalResponse;
const answer = await fetch(`${emulator.baseUrl}/account`, {
  headers: { authorization: "Bearer t" },
});
await answer.text();
await emulator.close();
const afterClose =
  globalThis.Request === OriginalRequest && globalThis.Response === OriginalResponse;
console.log(JSON.stringify({ afterStart, afterClose, status: answer.status }));
