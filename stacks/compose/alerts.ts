/** The stack's alert routes (platform:alerts): a page and a ticket topic every alarm notifies. */
import { AlertRouting } from "../../components/operations";
import type { CoreOutputs, StackContext } from "./contracts";

export interface AlertRoutes {
  readonly page: AlertRouting["topicArns"]["page"];
  readonly ticket: AlertRouting["topicArns"]["ticket"];
}

export function composeAlerts(
  ctx: StackContext,
  core: CoreOutputs,
): { routes: AlertRoutes; exports: Record<string, unknown> } {
  const cfg = ctx.config.alerts;
  const routing = new AlertRouting(
    "alerts",
    {
      accountId: core.accountId,
      topicKeyArn: core.keys.messaging.arn,
      stack: ctx.config.stack,
      chatbotRegion: cfg.chatbotRegion,
      routes: { page: cfg.page, ticket: cfg.ticket },
      servicePublishers: costAlertPublishers(ctx),
      deliveryStatusLogging: {
        region: ctx.config.awsRegion,
        logsKeyArn: core.keys.logs.arn,
        retentionDays: ctx.config.services.logRetentionDays,
      },
    },
    { providers: { aws: ctx.aws } },
  );
  return {
    routes: routing.topicArns,
    exports: { alertPageTopicArn: routing.topicArns.page, alertTicketTopicArn: routing.topicArns.ticket },
  };
}

/**
 * Service principals that publish to a route's topic besides CloudWatch: Cost Anomaly Detection
 * on the ticket route, when composeCost creates its subscription (a budget and a managed baseline).
 */
export function costAlertPublishers(ctx: StackContext): { ticket?: readonly string[] } {
  return ctx.config.budget && ctx.config.account.baseline === "managed" ? { ticket: ["costalerts.amazonaws.com"] } : {};
}
