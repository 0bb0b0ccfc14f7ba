import assert from "node:assert/strict";
import { readStackConfig } from "../offline/stack-file";
import { ConfigError, parseStackConfig } from "./index";

function problemsOf(alerts: unknown): readonly string[] {
  try {
    parseStackConfig("platform", "prod", { ...readStackConfig("prod"), "platform:alerts": alerts });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}
const ok = { emails: ["oncall@example.com"] };

describe("platform:alerts config", () => {
  it("should accept both stacks' alert routes", async () => {
    assert.deepEqual(
      [
        parseStackConfig("platform", "dev", readStackConfig("dev")).alerts.page.emails.length > 0,
        parseStackConfig("platform", "prod", readStackConfig("prod")).alerts.ticket.emails.length > 0,
      ],
      [true, true],
    );
  });

  it("should default the Chatbot region to us-west-2", async () => {
    assert.equal(parseStackConfig("platform", "prod", readStackConfig("prod")).alerts.chatbotRegion, "us-west-2");
  });

  it("should require a route for each severity", async () => {
    assert.match(problemsOf({ page: {}, ticket: ok })[0]!, /^platform:alerts\.page: needs at least one route/);
  });

  it("should name an e-mail that is not an address", async () => {
    assert.match(
      problemsOf({ page: { emails: ["oncall"] }, ticket: ok })[0]!,
      /^platform:alerts\.page\.emails\[0\]: expected an e-mail address/,
    );
  });

  it("should name a Slack channel id that is malformed", async () => {
    assert.match(
      problemsOf({ page: { slack: { workspaceId: "T07EA123LEP", channelId: "#oncall" } }, ticket: ok })[0]!,
      /^platform:alerts\.page\.slack\.channelId: expected a Slack channel id/,
    );
  });

  it("should name a Chatbot region without the Chatbot API", async () => {
    assert.match(
      problemsOf({ page: ok, ticket: ok, chatbotRegion: "us-east-1" })[0]!,
      /^platform:alerts\.chatbotRegion: /,
    );
  });

  it("should name the removed platform:services.alarmEmail as unknown", async () => {
    const raw = readStackConfig("dev");
    const services = { ...(raw["platform:services"] as object), alarmEmail: "a@example.com" };
    try {
      parseStackConfig("platform", "dev", { ...raw, "platform:services": services });
      assert.fail("expected a ConfigError");
    } catch (error) {
      assert.match((error as ConfigError).problems[0]!, /^platform:services\.alarmEmail: unknown key/);
    }
  });
});
