/** `platform:alerts`: where alarms go, per severity (page: wake someone; ticket: next working day). */
import { z } from "zod";

const secretId = z.string().regex(/^(arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:)?[\w/+=.@-]{1,512}$/, "expected a Secrets Manager secret name or ARN");
const slackId = (what: string) => z.string().regex(/^[A-Z0-9]{9,11}$/, `expected a Slack ${what} id`);

const route = z.strictObject({
  /** E-mail subscribers (each confirms once). Default []. */
  emails: z.array(z.email("expected an e-mail address")).default([]),
  /** Secrets Manager secrets holding HTTPS subscription URLs (PagerDuty Events v2, Opsgenie). Default []. */
  httpsEndpointSecrets: z.array(secretId).default([]),
  /** An AWS Chatbot Slack channel (authorize the workspace in the Chatbot console first). */
  slack: z.strictObject({ workspaceId: slackId("team"), channelId: slackId("channel") }).optional(),
  /** An AWS Chatbot Microsoft Teams channel (authorize the tenant in the Chatbot console first). */
  teams: z.strictObject({ tenantId: z.uuid(), teamId: z.uuid(), channelId: z.string().min(1) }).optional(),
});

export const alerts = z
  .strictObject({
    /** Security events, SLO breaches, DR: someone must act now. */
    page: route,
    /** Errors, throttles, queues backing up: next working day. */
    ticket: route,
    /** CloudWatch anomaly-detection alarms on API latency and errors, bookings, function errors and audit denials ($0.30 a month each). Default on. */
    anomalyDetection: z.enum(["on", "off"]).default("on"),
    /** Region that manages the Chatbot configurations (Chatbot's API regions). Default us-west-2. */
    chatbotRegion: z.enum(["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"]).default("us-west-2"),
  })
  .superRefine((a, ctx) => {
    for (const severity of ["page", "ticket"] as const) {
      const r = a[severity];
      if (r.emails.length + r.httpsEndpointSecrets.length === 0 && !r.slack && !r.teams) {
        ctx.addIssue({ code: "custom", path: [severity], message: "needs at least one route (emails, httpsEndpointSecrets, slack or teams): an alarm nobody receives is no alarm" });
      }
    }
  });
