/**
 * AWS WAF delivers logs only to a CloudWatch Logs log group, S3 bucket or Firehose stream whose
 * name starts with `aws-waf-logs-`; any other destination is refused with the misleading
 * "WAFInvalidParameterException: Error reason: The ARN isn't valid ... field: LOG_DESTINATION".
 * A log group ARN must also be given without the `:*` suffix CloudWatch adds to `arn`.
 *
 * Sources: https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html#logging-cw-logs-naming,
 * https://docs.aws.amazon.com/waf/latest/developerguide/logging-s3.html#logging-s3-naming,
 * hashicorp/terraform-provider-aws#32262 and #23717, pulumi/pulumi-aws#1214.
 */
import { asArray, asString, peek } from "../../lib/props";
import { judgeEach } from "../../lib/judge";
import { stackPolicy, type PolicyResource } from "../../lib/types";
import { physicalName } from "./physical-name-limits";

const LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
export const WAF_LOG_PREFIX = "aws-waf-logs-";

/** Destination resource type → the input holding its name. */
const DESTINATIONS: Readonly<Record<string, string>> = {
  "aws:cloudwatch/logGroup:LogGroup": "name",
  "aws:s3/bucket:Bucket": "bucket",
  "aws:s3/bucketV2:BucketV2": "bucket",
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "name",
};

/** The destination name inside a log group, bucket or Firehose ARN. */
export function destinationName(arn: string): string | undefined {
  return (
    arn.match(/:log-group:([^:]+)/)?.[1] ??
    arn.match(/^arn:[^:]+:s3:::([^/]+)/)?.[1] ??
    arn.match(/:deliverystream\/(.+)$/)?.[1]
  );
}

function nameOf(destination: PolicyResource): { name: string | undefined; how: string } {
  const field = DESTINATIONS[destination.type];
  const explicit = asString(peek(destination.props, field));
  const prefix = asString(peek(destination.props, `${field === "bucket" ? "bucket" : "name"}Prefix`));
  if (explicit !== undefined) return { name: explicit, how: `${field} "${explicit}"` };
  if (prefix !== undefined) return { name: prefix, how: `prefix "${prefix}"` };
  const auto = physicalName(destination.type, destination.name, undefined).name.replace(/x+$/, "…");
  return { name: auto, how: `auto-name "${auto}"` };
}

export const wafLogDestinationName = stackPolicy({
  name: "waf-log-destination-name",
  description:
    "WAF logging destinations (log group, S3 bucket, Firehose stream) are named aws-waf-logs-…, and log group ARNs carry no :* suffix, as AWS WAF requires.",
  enforcementLevel: "mandatory",
  pci: ["10.2.1"],
  resourceTypes: [LOGGING, ...Object.keys(DESTINATIONS)],
  fix:
    'Name the destination explicitly "aws-waf-logs-<something>" (e.g. aws.cloudwatch.LogGroup ' +
    'name: `aws-waf-logs-${stack}-api`) and pass the log group ARN without ":*".',
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    judgeEach(
      args.resources.filter((r) => r.type === LOGGING),
      report,
      (logging) => {
        const deps = (logging.propertyDependencies["logDestinationConfigs"] ?? []).filter(
          (d) => d.type in DESTINATIONS,
        );
        const judged = new Set<string>();
        for (const d of deps) {
          const { name, how } = nameOf(d);
          judged.add(d.urn);
          if (name !== undefined && !name.startsWith(WAF_LOG_PREFIX)) {
            report(
              `${logging.name} logs to ${d.name}, whose ${how} does not start with "${WAF_LOG_PREFIX}": ` +
                `WAF refuses it ("The ARN isn't valid ... field: LOG_DESTINATION"). Name it ` +
                `${WAF_LOG_PREFIX}….`,
              logging.urn,
            );
          }
        }
        for (const raw of asArray(peek(logging.props, "logDestinationConfigs"))) {
          const arn = asString(raw);
          if (!arn) continue;
          if (/:log-group:[^:]+:\*$/.test(arn)) {
            report(
              `${logging.name} passes the log group ARN with ":*" (${arn}): WAF refuses it; strip the suffix.`,
              logging.urn,
            );
          }
          const name = destinationName(arn);
          if (deps.length === 0 && name !== undefined && !name.startsWith(WAF_LOG_PREFIX)) {
            report(
              `${logging.name} logs to "${name}", which does not start with "${WAF_LOG_PREFIX}": WAF ` +
                `refuses it ("The ARN isn't valid ... field: LOG_DESTINATION"). Name it ${WAF_LOG_PREFIX}….`,
              logging.urn,
            );
          }
        }
      },
    );
  },
});
