// `npm start`: the project's main job. Until the CLI lands it prints how to use the SDK.
console.log("replicate-ts: see README.md for the quick start.");
