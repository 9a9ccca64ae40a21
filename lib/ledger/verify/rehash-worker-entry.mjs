// Entry of a verification worker thread. Worker threads do not inherit the TypeScript loader
// the CLI runs under, so register it for this thread before loading the worker itself.
import { register } from "tsx/esm/api";

register();
await import("./rehash-worker.ts");
