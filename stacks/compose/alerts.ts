/** The stack's alert routes (platform:alerts): a page and a ticket topic every alarm notifies. */
import { AlertRouting } from "../../components/operations";
import type { CoreOutputs, StackContext } from "./contracts";
import { costAlertPublishers } from "./cost";

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
    },
    { providers: { aws: ctx.aws } },
  );
  return {
    routes: routing.topicArns,
    exports: { alertPageTopicArn: routing.topicArns.page, alertTicketTopicArn: routing.topicArns.ticket },
  };
}
