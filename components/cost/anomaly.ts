/**
 * CostAnomalyAlerts: the account's AWS services cost-anomaly monitor and a subscription that
 * sends each anomaly whose total impact reaches the threshold to an SNS topic (the ticket
 * route) as it is detected. The monitor is an account singleton (Cost Anomaly Detection allows
 * one AWS services monitor per account), so only a stack that owns the account baseline
 * creates it (stacks/compose/cost.ts, platform-rules/account-singletons.ts).
 *
 * Service rules (docs/deploy-readiness.md, "AWS: cost anomaly detection"):
 * - an SNS subscriber goes with IMMEDIATE frequency only (DAILY and WEEKLY are e-mail digests),
 *   and a subscription takes one SNS topic;
 * - the topic policy must let costalerts.amazonaws.com publish, and an encrypted topic's key
 *   policy must let it use the key (AlertRouting and the messaging key grant both).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { validateArgs, type Problems } from "../common/validation";

export interface CostAnomalyAlertsArgs {
  /** SNS topic that receives every anomaly at or above the threshold (its policy must let costalerts.amazonaws.com publish). Required. */
  readonly topicArn: pulumi.Input<string>;
  /** Total cost impact in USD at or above which an anomaly is sent; > 0. Required. */
  readonly thresholdUsd: number;
  /** Stack name, for the monitor and subscription names (unique per account). 1-40 of a-z 0-9 -. Required. */
  readonly stack: string;
}

export function costAnomalyAlertsArgsProblems(args: CostAnomalyAlertsArgs, p: Problems): void {
  if (!(Number.isFinite(args.thresholdUsd) && args.thresholdUsd > 0))
    p.add("thresholdUsd", `must be a positive amount of USD; got ${args.thresholdUsd}`);
  if (!/^[a-z0-9-]{1,40}$/.test(args.stack))
    p.add("stack", `expected 1 to 40 of a-z 0-9 -; got ${JSON.stringify(args.stack)}`);
}

export class CostAnomalyAlerts extends pulumi.ComponentResource {
  readonly monitorArn: pulumi.Output<string>;
  readonly subscriptionArn: pulumi.Output<string>;

  constructor(name: string, args: CostAnomalyAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:cost:CostAnomalyAlerts", name, {}, opts);
    validateArgs("platform:cost:CostAnomalyAlerts", name, (p) => costAnomalyAlertsArgsProblems(args, p));

    // Each service's spend is modelled on its own: a spike in one is not hidden by another's dip.
    const monitor = new aws.costexplorer.AnomalyMonitor(
      `${name}-services`,
      { name: `${args.stack}-aws-services`, monitorType: "DIMENSIONAL", monitorDimension: "SERVICE" },
      { parent: this },
    );
    const subscription = new aws.costexplorer.AnomalySubscription(
      `${name}-ticket`,
      {
        name: `${args.stack}-cost-anomalies`,
        // SNS subscribers take individual alerts only (IMMEDIATE); digests are e-mail.
        frequency: "IMMEDIATE",
        monitorArnLists: [monitor.arn],
        subscribers: [{ type: "SNS", address: args.topicArn }],
        thresholdExpression: {
          dimension: {
            key: "ANOMALY_TOTAL_IMPACT_ABSOLUTE",
            matchOptions: ["GREATER_THAN_OR_EQUAL"],
            values: [args.thresholdUsd.toFixed(2)],
          },
        },
      },
      { parent: this },
    );
    this.monitorArn = monitor.arn;
    this.subscriptionArn = subscription.arn;
    this.registerOutputs({ monitorArn: this.monitorArn, subscriptionArn: this.subscriptionArn });
  }
}
