/**
 * DNS that validates on the first deploy (issue #11, Must exist 3): the stack looks the public
 * hosted zone up (by name, or by platform:dns.hostedZoneId) and never creates one, so ACM's DNS
 * validation never waits on a zone its parent does not delegate to yet.
 */
import assert from "node:assert/strict";
import { ConfigError, parseStackConfig } from "./config";
import { runStack, valueOf } from "./offline/harness";
import { fakeZoneId } from "../components/testing/invokes";
import { readStackConfig } from "./offline/stack-file";

const withZoneId = (stack: "dev" | "prod", hostedZoneId: string) =>
  runStack(stack, { configOverrides: { "platform:dns": { hostedZoneId } } });

describe("hosted zone lookup", () => {
  it("should put the validation record into the zone named by platform:dns.hostedZoneId", async () => {
    const plan = await withZoneId("prod", fakeZoneId("fx.example.com"));
    assert.equal(
      plan.named("api-domain-validation", "aws:route53/record:Record").inputs.zoneId,
      fakeZoneId("fx.example.com"),
    );
  });

  it("should stop naming platform:dns.hostedZoneId when that zone is another name's", async () => {
    await assert.rejects(
      withZoneId("prod", fakeZoneId("dev.fx.example.com")),
      /platform:dns\.hostedZoneId: Z[0-9A-F]+ is the hosted zone of dev\.fx\.example\.com, not of platform:dr\.dns\.zoneName \(fx\.example\.com\)/,
    );
  });

  it("should refuse a hosted zone id that is not a Route 53 id, naming the key", async () => {
    const raw = { ...readStackConfig("dev"), "platform:dns": { hostedZoneId: "dev.fx.example.com" } };
    assert.throws(
      () => parseStackConfig("platform", "dev", raw),
      (err: unknown) =>
        err instanceof ConfigError &&
        err.problems.some((p) => p.startsWith("platform:dns.hostedZoneId: expected a Route 53 hosted zone id")),
    );
  });

  it("should export the looked-up zone's name servers for the delegation check", async () => {
    const outputs = (await runStack("dev")).outputs;
    assert.equal((await valueOf(outputs.apiZoneNameServers as string[])).length, 4);
  });
});
