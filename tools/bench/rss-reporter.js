// Preloaded by the bench (NODE_OPTIONS=--require): appends this process's peak RSS to
// $BENCH_RSS_FILE on exit, so a benchmark can read the figure of a child it spawned.
"use strict";
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const line = JSON.stringify({ argv: process.argv.slice(1), maxRssKb: process.resourceUsage().maxRSS });
    require("node:fs").appendFileSync(file, line + "\n");
  });
}
