/**
 * AlertRouting: one KMS-encrypted SNS topic per severity (page: wake someone; ticket: next
 * working day), each subscribed to the routes the stack's config names: e-mail, HTTPS (a
 * PagerDuty Events v2 or Opsgenie integration URL, read at deploy time from Secrets Manager so
 * it never sits in config or state in clear) and AWS Chatbot (Slack or Microsoft Teams).
 * Every alarm of the stack notifies one of these topics on ALARM, OK and INSUFFICIENT_DATA.
 * Each topic logs its HTTP/S deliveries (the HTTPS routes and Chatbot, which subscribes over
 * HTTPS) to CloudWatch Logs: failures always, successes sampled (SNS cannot log e-mail deliveries).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems, nameTag } from "../common";
import { policyDocument } from "../services/iam";
import { denyInsecureTransport } from "../services/queues";
import {
  addDeliveryStatusLoggingProblems,
  deliveryFeedbackRole,
  deliveryStatusLogGroups,
  type DeliveryStatusLogging,
} from "../services/delivery-status-logging";

export type Severity = "page" | "ticket";
export const SEVERITIES: readonly Severity[] = ["page", "ticket"];

/** Regions with an AWS Chatbot API endpoint (its configurations are global, managed there). */
export const CHATBOT_REGIONS = ["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"] as const;

export interface AlertRoute {
  /** E-mail subscribers (each must confirm). Default none. */
  readonly emails?: readonly string[];
  /**
   * Secrets Manager secret names or ARNs whose value is an HTTPS subscription URL (PagerDuty
   * Events v2 `https://events.pagerduty.com/integration/<key>/enqueue`, Opsgenie's SNS URL).
   * Read at deploy time; the URL carries the integration key. Default none.
   */
  readonly httpsEndpointSecrets?: readonly string[];
  /** A Slack channel (the workspace must be authorized in the Chatbot console first). */
  readonly slack?: { readonly workspaceId: string; readonly channelId: string };
  /** A Microsoft Teams channel (the tenant must be authorized in the Chatbot console first). */
  readonly teams?: { readonly tenantId: string; readonly teamId: string; readonly channelId: string };
}

export interface AlertRoutingArgs {
  /** Account whose CloudWatch alarms may publish. Required. */
  readonly accountId: pulumi.Input<string>;
  /** CMK for the topics (the messaging key: its policy lets cloudwatch.amazonaws.com use it). Required. */
  readonly topicKeyArn: pulumi.Input<string>;
  /** Routes per severity. A severity with no route still gets its topic (and the policy alarm-routes-subscribed flags it). */
  readonly routes: Readonly<Record<Severity, AlertRoute>>;
  /** Stack name, for the Chatbot configuration names (physical, unique per account). Required. */
  readonly stack: string;
  /** Region that manages Chatbot configurations; one of CHATBOT_REGIONS. Default us-west-2. */
  readonly chatbotRegion?: (typeof CHATBOT_REGIONS)[number];
  /**
   * AWS service principals besides CloudWatch that may publish to a severity's topic, each held
   * to this account by aws:SourceAccount (e.g. `costalerts.amazonaws.com` for Cost Anomaly
   * Detection on the ticket route). The topics' key must let them use it too. Default none.
   */
  readonly servicePublishers?: Readonly<Partial<Record<Severity, readonly string[]>>>;
  /**
   * SNS delivery status logging of both topics (AWS Config SNS_TOPIC_MESSAGE_DELIVERY_NOTIFICATION_ENABLED):
   * HTTP/S deliveries are logged to the pre-created, KMS-encrypted `sns/<region>/<account>/<topic>` and
   * `.../Failure` groups; failures always, successes at `successSampleRate` (default 100: alerts are few and
   * each delivery record is incident-response evidence). `off` is accepted only while every route is e-mail
   * only, the one protocol here SNS cannot log. Required.
   */
  readonly deliveryStatusLogging: DeliveryStatusLogging | "off";
}

/** Default share of successful alert deliveries logged: all of them. */
export const ALERT_SUCCESS_SAMPLE_RATE = 100;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Every problem with the args, each naming its field; empty when valid. Pure. */
export function alertRoutingArgsProblems(args: AlertRoutingArgs): readonly string[] {
  return collectProblems((p) => {
    for (const severity of SEVERITIES) {
      const route = args.routes[severity];
      (route.emails ?? []).forEach((e, i) => {
        if (!EMAIL.test(e))
          p.add(`routes.${severity}.emails[${i}]`, `expected an e-mail address; got ${JSON.stringify(e)}`);
      });
      (route.httpsEndpointSecrets ?? []).forEach((s, i) => {
        if (!/^(arn:aws[\w-]*:secretsmanager:[\w-]+:\d{12}:secret:)?[\w/+=.@-]{1,512}$/.test(s)) {
          p.add(
            `routes.${severity}.httpsEndpointSecrets[${i}]`,
            `expected a Secrets Manager secret name or ARN; got ${JSON.stringify(s)}`,
          );
        }
      });
      if (route.slack && !/^[A-Z0-9]{9,11}$/.test(route.slack.workspaceId))
        p.add(`routes.${severity}.slack.workspaceId`, "expected a Slack team id like T07EA123LEP");
      if (route.slack && !/^[A-Z0-9]{9,11}$/.test(route.slack.channelId))
        p.add(`routes.${severity}.slack.channelId`, "expected a Slack channel id like C07EZ1ABC23");
    }
    for (const severity of SEVERITIES) {
      (args.servicePublishers?.[severity] ?? []).forEach((principal, i) => {
        if (!/^[a-z0-9.-]+\.amazonaws\.com$/.test(principal)) {
          p.add(
            `servicePublishers.${severity}[${i}]`,
            `expected an AWS service principal like costalerts.amazonaws.com; got ${JSON.stringify(principal)}`,
          );
        }
      });
    }
    const logging = args.deliveryStatusLogging;
    if (logging === "off") {
      for (const severity of SEVERITIES) {
        const route = args.routes[severity];
        if ((route.httpsEndpointSecrets ?? []).length > 0 || route.slack || route.teams)
          p.add(
            "deliveryStatusLogging",
            `is off, but routes.${severity} delivers over HTTPS (an endpoint secret or AWS Chatbot), which SNS can log: give region and logsKeyArn`,
          );
      }
    } else if (typeof logging === "object" && logging !== null) {
      addDeliveryStatusLoggingProblems(p, "deliveryStatusLogging", logging);
    } else {
      p.add("deliveryStatusLogging", `expected { region, logsKeyArn } or "off"; got ${JSON.stringify(logging)}`);
    }
    if (!/^[a-z0-9-]{1,40}$/.test(args.stack))
      p.add("stack", `expected 1 to 40 of a-z 0-9 -; got ${JSON.stringify(args.stack)}`);
    if (args.chatbotRegion !== undefined && !CHATBOT_REGIONS.includes(args.chatbotRegion)) {
      p.add("chatbotRegion", `AWS Chatbot is managed only in ${CHATBOT_REGIONS.join(", ")}; got ${args.chatbotRegion}`);
    }
  });
}

export class AlertRouting extends pulumi.ComponentResource {
  /** Topic ARN per severity. */
  readonly topicArns: Readonly<Record<Severity, pulumi.Output<string>>>;

  constructor(name: string, args: AlertRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:operations:AlertRouting", name, {}, opts);
    assertValid("platform:operations:AlertRouting", name, alertRoutingArgsProblems(args));

    const arns = {} as Record<Severity, pulumi.Output<string>>;
    let chatbotRole: aws.iam.Role | undefined;
    for (const severity of SEVERITIES) {
      const route = args.routes[severity];
      const logging = args.deliveryStatusLogging === "off" ? undefined : args.deliveryStatusLogging;
      const feedbackRole = logging
        ? deliveryFeedbackRole(`${name}-${severity}`, `SNS delivery status logging of the ${severity} alerts`, this)
        : undefined;
      const topic = new aws.sns.Topic(
        `${name}-${severity}`,
        {
          kmsMasterKeyId: args.topicKeyArn,
          // HTTP/S is the only loggable protocol the routes use (e-mail cannot be logged).
          httpFailureFeedbackRoleArn: feedbackRole?.arn,
          httpSuccessFeedbackRoleArn: feedbackRole?.arn,
          httpSuccessFeedbackSampleRate: feedbackRole
            ? (logging?.successSampleRate ?? ALERT_SUCCESS_SAMPLE_RATE)
            : undefined,
          tags: nameTag(`${name}-${severity}`),
        },
        { parent: this },
      );
      if (logging && feedbackRole) {
        deliveryStatusLogGroups(
          `${name}-${severity}`,
          {
            topic,
            accountId: args.accountId,
            role: feedbackRole,
            logging,
            description: `Write the ${severity} alert topic's delivery status logs`,
          },
          { parent: this },
        );
      }
      new aws.sns.TopicPolicy(
        `${name}-${severity}-policy`,
        {
          arn: topic.arn,
          policy: policyDocument([
            {
              Sid: "AlarmsOfThisAccount",
              Effect: "Allow",
              Principal: { Service: "cloudwatch.amazonaws.com" },
              Action: "sns:Publish",
              Resource: topic.arn,
              Condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
            },
            ...(args.servicePublishers?.[severity] ?? []).map((service) => ({
              Sid: `Publisher${service.split(".")[0]!.replace(/[^A-Za-z0-9]/g, "")}`,
              Effect: "Allow",
              Principal: { Service: service },
              Action: "sns:Publish",
              Resource: topic.arn,
              Condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
            })),
            denyInsecureTransport(topic.arn, "sns"),
          ]),
        },
        { parent: this },
      );
      (route.emails ?? []).forEach((endpoint, i) => {
        new aws.sns.TopicSubscription(
          `${name}-${severity}-email-${i}`,
          { topic: topic.arn, protocol: "email", endpoint },
          { parent: this },
        );
      });
      (route.httpsEndpointSecrets ?? []).forEach((secretId, i) => {
        const url = aws.secretsmanager.getSecretVersionOutput({ secretId }, { parent: this }).secretString;
        new aws.sns.TopicSubscription(
          `${name}-${severity}-https-${i}`,
          {
            topic: topic.arn,
            protocol: "https",
            endpoint: pulumi.secret(url),
            endpointAutoConfirms: true,
            rawMessageDelivery: false,
          },
          { parent: this },
        );
      });
      if (route.slack || route.teams) {
        chatbotRole ??= this.chatbotRole(name);
        const common = {
          configurationName: `${args.stack}-${severity}-alerts`,
          iamRoleArn: chatbotRole.arn,
          snsTopicArns: [topic.arn],
          // Notifications only: the channel can read alarms, not act on the account.
          guardrailPolicyArns: ["arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess"],
          loggingLevel: "ERROR",
          region: args.chatbotRegion ?? "us-west-2",
        };
        if (route.slack) {
          new aws.chatbot.SlackChannelConfiguration(
            `${name}-${severity}-slack`,
            { ...common, slackTeamId: route.slack.workspaceId, slackChannelId: route.slack.channelId },
            { parent: this },
          );
        }
        if (route.teams) {
          new aws.chatbot.TeamsChannelConfiguration(
            `${name}-${severity}-teams`,
            { ...common, tenantId: route.teams.tenantId, teamId: route.teams.teamId, channelId: route.teams.channelId },
            { parent: this },
          );
        }
      }
      arns[severity] = topic.arn;
    }
    this.topicArns = arns;
    this.registerOutputs({ topicArns: this.topicArns });
  }

  private chatbotRole(name: string): aws.iam.Role {
    const role = new aws.iam.Role(
      `${name}-chatbot`,
      {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "chatbot.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
        tags: nameTag(`${name}-chatbot`),
      },
      { parent: this },
    );
    new aws.iam.RolePolicyAttachment(
      `${name}-chatbot-read`,
      { role: role.name, policyArn: "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess" },
      { parent: this },
    );
    return role;
  }
}
