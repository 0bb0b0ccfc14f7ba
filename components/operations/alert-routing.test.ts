import assert from "node:assert/strict";
import { json, runProgram } from "../testing/harness";
import { AlertRouting, alertRoutingArgsProblems, type AlertRoutingArgs } from "./alert-routing";

const ACCOUNT = "123456789012";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/messaging";
const args = (overrides: Partial<AlertRoutingArgs> = {}): AlertRoutingArgs => ({
  accountId: ACCOUNT,
  topicKeyArn: KEY,
  stack: "prod",
  routes: { page: { emails: ["oncall@example.com"] }, ticket: { emails: ["team@example.com"] } },
  ...overrides,
});
const plan = (overrides: Partial<AlertRoutingArgs> = {}) =>
  runProgram(() => new AlertRouting("alerts", args(overrides)));

describe("AlertRouting", () => {
  it("should encrypt the page topic with the given key", async () => {
    assert.equal((await plan()).named("alerts-page").inputs.kmsMasterKeyId, KEY);
  });

  it("should encrypt the ticket topic with the given key", async () => {
    assert.equal((await plan()).named("alerts-ticket").inputs.kmsMasterKeyId, KEY);
  });

  it("should let only this account's CloudWatch publish to a topic", async () => {
    const policy = json<{ Statement: { Principal?: unknown; Condition?: Record<string, Record<string, string>> }[] }>(
      (await plan()).named("alerts-page-policy").inputs.policy,
    );
    assert.deepEqual(
      [policy.Statement[0]!.Principal, policy.Statement[0]!.Condition?.["StringEquals"]?.["aws:SourceAccount"]],
      [{ Service: "cloudwatch.amazonaws.com" }, ACCOUNT],
    );
  });

  it("should let a service publisher publish to its severity's topic when given, held to this account", async () => {
    const policy = json<{ Statement: { Principal?: { Service?: string }; Condition?: unknown }[] }>(
      (await plan({ servicePublishers: { ticket: ["costalerts.amazonaws.com"] } })).named("alerts-ticket-policy").inputs
        .policy,
    );
    assert.deepEqual(
      policy.Statement.filter((st) => st.Principal?.Service === "costalerts.amazonaws.com").map((st) => st.Condition),
      [{ StringEquals: { "aws:SourceAccount": ACCOUNT } }],
    );
  });

  it("should not let a service publisher publish to another severity's topic", async () => {
    const policy = json<{ Statement: { Principal?: { Service?: string } }[] }>(
      (await plan({ servicePublishers: { ticket: ["costalerts.amazonaws.com"] } })).named("alerts-page-policy").inputs
        .policy,
    );
    assert.equal(policy.Statement.filter((st) => st.Principal?.Service === "costalerts.amazonaws.com").length, 0);
  });

  it("should report a service publisher that is not an AWS service principal", async () => {
    assert.deepEqual(
      alertRoutingArgsProblems(args({ servicePublishers: { ticket: ["arn:aws:iam::123456789012:root"] } })),
      [
        'servicePublishers.ticket[0]: expected an AWS service principal like costalerts.amazonaws.com; got "arn:aws:iam::123456789012:root"',
      ],
    );
  });

  it("should subscribe each e-mail of a route to its topic", async () => {
    assert.equal((await plan()).named("alerts-page-email-0").inputs.endpoint, "oncall@example.com");
  });

  it("should subscribe an HTTPS endpoint read from Secrets Manager", async () => {
    const p = await plan({
      routes: { page: { httpsEndpointSecrets: ["alerts/pagerduty"] }, ticket: { emails: ["t@example.com"] } },
    });
    assert.equal(p.named("alerts-page-https-0").inputs.protocol, "https");
  });

  it("should create a Slack channel configuration on the route's topic", async () => {
    const p = await plan({
      routes: {
        page: { slack: { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" } },
        ticket: { emails: ["t@example.com"] },
      },
    });
    assert.equal(p.named("alerts-page-slack").inputs.slackChannelId, "C07EZ1ABC23");
  });

  it("should manage Chatbot configurations in a Chatbot region", async () => {
    const p = await plan({
      routes: {
        page: { slack: { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" } },
        ticket: { emails: ["t@example.com"] },
      },
    });
    assert.equal(p.named("alerts-page-slack").inputs.region, "us-west-2");
  });

  it("should create a Teams channel configuration on the route's topic", async () => {
    const teams = {
      tenantId: "11111111-1111-1111-1111-111111111111",
      teamId: "22222222-2222-2222-2222-222222222222",
      channelId: "19:abc@thread.tacv2",
    };
    const p = await plan({ routes: { page: { emails: ["p@example.com"] }, ticket: { teams } } });
    assert.equal(p.named("alerts-ticket-teams").inputs.channelId, teams.channelId);
  });
});

describe("alertRoutingArgsProblems", () => {
  const cases: Array<[string, Partial<AlertRoutingArgs>, RegExp]> = [
    [
      "an e-mail is malformed",
      { routes: { page: { emails: ["oncall"] }, ticket: {} } },
      /^routes\.page\.emails\[0\]: expected an e-mail address/,
    ],
    [
      "a secret id has spaces",
      { routes: { page: {}, ticket: { httpsEndpointSecrets: ["pager duty"] } } },
      /^routes\.ticket\.httpsEndpointSecrets\[0\]: expected a Secrets Manager/,
    ],
    [
      "a Slack team id is malformed",
      { routes: { page: { slack: { workspaceId: "team", channelId: "C07EZ1ABC23" } }, ticket: {} } },
      /^routes\.page\.slack\.workspaceId: expected a Slack team id/,
    ],
    [
      "a Slack channel id is malformed",
      { routes: { page: { slack: { workspaceId: "T07EA123LEP", channelId: "#ops" } }, ticket: {} } },
      /^routes\.page\.slack\.channelId: expected a Slack channel id/,
    ],
    ["the stack name has capitals", { stack: "Prod" }, /^stack: expected 1 to 40 of a-z 0-9 -/],
    [
      "the Chatbot region has no Chatbot API",
      { chatbotRegion: "us-east-1" as never },
      /^chatbotRegion: AWS Chatbot is managed only in us-east-2, us-west-2/,
    ],
  ];
  for (const [when, overrides, message] of cases) {
    it(`should report ${message.source.slice(1, message.source.indexOf(":")).replace(/\\/g, "")} when ${when}`, async () => {
      assert.ok(alertRoutingArgsProblems(args(overrides)).some((p) => message.test(p)));
    });
  }
});
