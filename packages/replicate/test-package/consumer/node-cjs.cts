// A Node CommonJS consumer (module nodenext): the .d.cts types of the require() entry.
import Replicate = require("replicate-ts");

const client: Replicate.Replicate = new Replicate.Replicate({ auth: "r8_example" });
const same: typeof Replicate.Replicate = Replicate.default;
export const clients = [client, new same({ auth: "r8_example" })];
