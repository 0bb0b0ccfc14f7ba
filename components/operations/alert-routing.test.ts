import assert from "node:assert/strict";
import { json, runProgram } from "../testing/harness";
import { AlertRouting, alertRoutingArgsProblems, type AlertRoutingArgs } from "./alert-routing";

const ACCOUNT = "123456789012";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/messaging";
const LOGS_KEY = "arn:aws:kms:us-east-1:123456789012:key/logs";
const args = (overrides: Partial<AlertRoutingArgs> = {}): AlertRoutingArgs => ({
  accountId: ACCOUNT,
  topicKeyArn: KEY,
  stack: "prod",
  routes: { page: { emails: ["oncall@example.com"] }, ticket: { emails: ["team@example.com"] } },
  deliveryStatusLogging: { region: "us-east-1", logsKeyArn: LOGS_KEY },
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

describe("AlertRouting delivery status logging", () => {
  const PAGER = { page: { httpsEndpointSecrets: ["alerts/pagerduty"] }, ticket: { emails: ["t@example.com"] } };

  it("should log failed HTTP/S deliveries of the page topic through its feedback role", async () => {
    const p = await plan();
    assert.ok(
      p
        .named("alerts-page")
        .propertyDependencies["httpFailureFeedbackRoleArn"]?.includes(p.named("alerts-page-delivery-logging-role").urn),
    );
  });

  it("should log every successful HTTP/S delivery by default", async () => {
    assert.equal((await plan()).named("alerts-ticket").inputs.httpSuccessFeedbackSampleRate, 100);
  });

  it("should sample successful deliveries at the given rate", async () => {
    const p = await plan({
      deliveryStatusLogging: { region: "us-east-1", logsKeyArn: LOGS_KEY, successSampleRate: 25 },
    });
    assert.equal(p.named("alerts-page").inputs.httpSuccessFeedbackSampleRate, 25);
  });

  it("should pre-create the failure log group under the name SNS writes to", async () => {
    assert.match(
      String((await plan()).named("alerts-page-delivery-logs-failure").inputs.name),
      /^sns\/us-east-1\/123456789012\/alerts-page-[0-9a-f]+\/Failure$/,
    );
  });

  it("should pre-create the success log group under the name SNS writes to", async () => {
    assert.match(
      String((await plan()).named("alerts-ticket-delivery-logs").inputs.name),
      /^sns\/us-east-1\/123456789012\/alerts-ticket-[0-9a-f]+$/,
    );
  });

  it("should encrypt the delivery log groups with the logs key", async () => {
    const p = await plan();
    assert.deepEqual(
      ["alerts-page-delivery-logs", "alerts-page-delivery-logs-failure"].map((n) => p.named(n).inputs.kmsKeyId),
      [LOGS_KEY, LOGS_KEY],
    );
  });

  it("should keep the delivery log groups 400 days by default", async () => {
    assert.equal((await plan()).named("alerts-page-delivery-logs").inputs.retentionInDays, 400);
  });

  it("should let the feedback role only write streams of its topic's two log groups", async () => {
    const p = await plan();
    const policy = json<{ Statement: { Action: string[]; Resource: string[] }[] }>(
      p.named("alerts-page-delivery-logging-policy").inputs.policy,
    );
    assert.deepEqual(
      policy.Statement.filter((st) => st.Action.some((a) => a !== "logs:CreateLogGroup")).map((st) => [
        st.Action,
        st.Resource.length,
        st.Resource.every((r) => r.endsWith(":*")),
      ]),
      [[["logs:CreateLogStream", "logs:PutLogEvents"], 2, true]],
    );
  });

  it("should let the feedback role call CreateLogGroup on its topic's two log groups only, as SNS's prerequisites list", async () => {
    const p = await plan();
    const policy = json<{ Statement: { Action: string[]; Resource: string[] }[] }>(
      p.named("alerts-page-delivery-logging-policy").inputs.policy,
    );
    assert.deepEqual(
      policy.Statement.filter((st) => st.Action.includes("logs:CreateLogGroup")).map((st) => [
        st.Action,
        st.Resource.length,
        st.Resource.every((r) => r.includes(":log-group:") && !r.endsWith(":*")),
      ]),
      [[["logs:CreateLogGroup"], 2, true]],
    );
  });

  it("should attach the logging permissions as a managed policy, not an inline one", async () => {
    const p = await plan();
    assert.deepEqual(
      [
        p.has("aws:iam/rolePolicy:RolePolicy"),
        p.has("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "alerts-page-delivery-logging-attachment"),
      ],
      [false, true],
    );
  });

  it("should create no feedback role when logging is off and every route is e-mail", async () => {
    const p = await plan({ deliveryStatusLogging: "off" });
    assert.equal(p.named("alerts-page").inputs.httpFailureFeedbackRoleArn, undefined);
  });

  it("should report logging off when a route delivers over HTTPS", async () => {
    assert.deepEqual(alertRoutingArgsProblems(args({ routes: PAGER, deliveryStatusLogging: "off" })), [
      "deliveryStatusLogging: is off, but routes.page delivers over HTTPS (an endpoint secret or AWS Chatbot), which SNS can log: give region and logsKeyArn",
    ]);
  });

  it("should report a success sample rate over 100", async () => {
    assert.deepEqual(
      alertRoutingArgsProblems(
        args({ deliveryStatusLogging: { region: "us-east-1", logsKeyArn: LOGS_KEY, successSampleRate: 101 } }),
      ),
      ["deliveryStatusLogging.successSampleRate: must be a whole percentage from 0 to 100 (SNS); got 101"],
    );
  });

  it("should report a delivery log retention under 365 days", async () => {
    assert.ok(
      alertRoutingArgsProblems(
        args({ deliveryStatusLogging: { region: "us-east-1", logsKeyArn: LOGS_KEY, retentionDays: 30 } }),
      ).some((m) => m.startsWith("deliveryStatusLogging.retentionDays: must be at least 365")),
    );
  });

  it("should report a delivery logging value that is neither settings nor off", async () => {
    assert.deepEqual(alertRoutingArgsProblems(args({ deliveryStatusLogging: "on" as never })), [
      'deliveryStatusLogging: expected { region, logsKeyArn } or "off"; got "on"',
    ]);
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
