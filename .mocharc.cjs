// Tests run TypeScript through the same esbuild hook as the npm scripts: no type-checking
// (that is `npm run typecheck`) and no source-map-support, which would map every stack trace
// the Pulumi SDK captures per resource. For TypeScript positions in a failure's stack, run
// `NODE_OPTIONS=--enable-source-maps npm test`.
// No AWS or Azure SDK may ever look for credentials on the network during tests.
process.env.AWS_EC2_METADATA_DISABLED = "true";

module.exports = {
  require: ["./tools/register.js"],
  extension: ["ts"],
  timeout: 120000,
  reporter: "spec",
};
