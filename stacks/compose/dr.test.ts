import assert from "node:assert/strict";
import { primaryProbe } from "./dr";

describe("primaryProbe", () => {
  it("should probe /<stage>/health on the execute-api host when the URL has a stage", async () => {
    assert.deepEqual(primaryProbe("https://abc.execute-api.us-east-1.amazonaws.com/prod", "d-x"), {
      fqdn: "abc.execute-api.us-east-1.amazonaws.com",
      path: "/prod/health",
    });
  });

  it("should fall back to the regional domain and /health when the URL is not known", async () => {
    assert.deepEqual(primaryProbe("", "d-x.execute-api.us-east-1.amazonaws.com"), {
      fqdn: "d-x.execute-api.us-east-1.amazonaws.com",
      path: "/health",
    });
  });
});
