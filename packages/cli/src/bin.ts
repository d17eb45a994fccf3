import { main } from "./main";

// A reader that goes away (`replicate-ts predictions list | head`) is not an error worth a stack
// trace: stop quietly, as other command-line tools do.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

// Setting exitCode instead of calling process.exit() lets pending work finish first, such as
// the cancel request of a prediction interrupted with Ctrl-C.
process.exitCode = await main(process.argv.slice(2));
