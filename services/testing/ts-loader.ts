/**
 * Tests that start a service's CLI in a child process run it under the project's TypeScript
 * loader, the same `node -r ./tools/register.js` the npm scripts use. A path, not an import:
 * services never import tools/.
 */
import { join } from "node:path";

export const TS_REGISTER = join(__dirname, "..", "..", "tools", "register.js");
