/** `platform:alerts`: where alarms go, per severity (page: wake someone; ticket: next working day). */
import { z } from "zod";

const secretId = z
  .string()
  .regex(
    /^(arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:)?[\w/+=.@-]{1,512}$/,
    "expected a Secrets Manager secret name or ARN",
  );
const slackId = (what: string) => z.string().regex(/^[A-Z0-9]{9,11}$/, `expected a Slack ${what} id`);

const route = z.strictObject({
  emails: z
    .array(z.email("expected an e-mail address"))
    .default([])
    .describe("E-mail subscribers (each confirms once). Default []."),
  httpsEndpointSecrets: z
    .array(secretId)
    .default([])
    .describe("Secrets Manager secrets holding HTTPS subscription URLs (PagerDuty Events v2, Opsgenie). Default []."),
  slack: z
    .strictObject({
      workspaceId: slackId("team").describe("Slack workspace (team) id."),
      channelId: slackId("channel").describe("Slack channel id."),
    })
    .optional()
    .describe("An AWS Chatbot Slack channel (authorize the workspace in the Chatbot console first)."),
  teams: z
    .strictObject({
      tenantId: z.uuid().describe("Microsoft Entra tenant id."),
      teamId: z.uuid().describe("Teams team id."),
      channelId: z.string().min(1).describe("Teams channel id."),
    })
    .optional()
    .describe("An AWS Chatbot Microsoft Teams channel (authorize the tenant in the Chatbot console first)."),
});

export const alerts = z
  .strictObject({
    page: route.describe("Security events, SLO breaches, DR: someone must act now."),
    ticket: route.describe("Errors, throttles, queues backing up: next working day."),
    anomalyDetection: z
      .enum(["on", "off"])
      .default("on")
      .describe(
        "CloudWatch anomaly-detection alarms on API latency and errors, bookings, function errors and audit denials ($0.30 a month each). Default on.",
      ),
    chatbotRegion: z
      .enum(["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"])
      .default("us-west-2")
      .describe("Region that manages the Chatbot configurations (Chatbot's API regions). Default us-west-2."),
  })
  .superRefine((a, ctx) => {
    for (const severity of ["page", "ticket"] as const) {
      const r = a[severity];
      if (r.emails.length + r.httpsEndpointSecrets.length === 0 && !r.slack && !r.teams) {
        ctx.addIssue({
          code: "custom",
          path: [severity],
          message:
            "needs at least one route (emails, httpsEndpointSecrets, slack or teams): an alarm nobody receives is no alarm",
        });
      }
    }
  });
