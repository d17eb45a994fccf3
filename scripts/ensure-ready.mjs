// Runs before `npm test` and `npm start`: installs dependencies when they are missing, then builds
// every package, so that a fresh clone needs nothing typed but those two commands.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const root = new URL("..", import.meta.url);
const run = (command) => execSync(command, { cwd: root, stdio: "inherit" });

if (!existsSync(new URL("node_modules/.package-lock.json", root))) {
  console.error("[setup] dependencies missing: running npm ci");
  run("npm ci --no-audit --no-fund");
}
console.error("[setup] building packages");
run("npm run build --silent");
