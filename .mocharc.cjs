// Tests run transpile-only: type errors are `npm run typecheck`'s job, and skipping the
// checker keeps a mocha start at ~2 s instead of ~15 s.
process.env.TS_NODE_TRANSPILE_ONLY = "true";
// No AWS or Azure SDK may ever look for credentials on the network during tests.
process.env.AWS_EC2_METADATA_DISABLED = "true";

module.exports = {
  require: ["./services/tooling/register.js"],
  extension: ["ts"],
  timeout: 120000,
  reporter: "spec",
};
