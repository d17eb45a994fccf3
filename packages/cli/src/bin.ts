import { main } from "./main";

// Setting exitCode instead of calling process.exit() lets pending work finish first, such as
// the cancel request of a prediction interrupted with Ctrl-C.
process.exitCode = await main(process.argv.slice(2));
