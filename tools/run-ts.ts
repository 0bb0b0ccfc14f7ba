/** How tests, benchmarks and tools start a TypeScript entry point in a child process. */
import { join } from "node:path";

/** The esbuild require hook the npm scripts use (see register.js for why not ts-node). */
export const TS_REGISTER = join(__dirname, "register.js");
