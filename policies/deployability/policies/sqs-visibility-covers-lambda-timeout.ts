/**
 * Lambda refuses an SQS event source mapping whose queue's visibility timeout is shorter than the
 * function's timeout: "InvalidParameterValueException: Queue visibility timeout: 30 seconds is less
 * than Function timeout: 60 seconds". SQS defaults the visibility timeout to 30 s and Lambda the
 * function timeout to 3 s. (AWS recommends six times the function timeout plus the batching
 * window; `minimumRatio` can demand that.)
 *
 * Sources: hashicorp/terraform-provider-aws#18099, github-aws-runners/terraform-aws-github-runner#465,
 * winglang/wing#1507, https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html.
 */
import { peek, readConfig } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

const MAPPING = "aws:lambda/eventSourceMapping:EventSourceMapping";
const QUEUE = "aws:sqs/queue:Queue";
const FUNCTION = "aws:lambda/function:Function";
const SQS_DEFAULT_VISIBILITY = 30;
const LAMBDA_DEFAULT_TIMEOUT = 3;

const configSchema = {
  properties: {
    minimumRatio: {
      type: "number" as const,
      minimum: 1,
      default: 1,
      description:
        "Visibility timeout at least this many times the function timeout (Lambda refuses below 1; AWS recommends 6).",
    },
  },
};

function linked(
  mapping: PolicyResource,
  field: string,
  type: string,
  byValue: (r: PolicyResource) => unknown,
  all: readonly PolicyResource[],
): PolicyResource | undefined {
  const deps = new Set((mapping.propertyDependencies[field] ?? []).map((d) => d.urn));
  const value = peek(mapping.props, field);
  return all.find((r) => r.type === type && (deps.has(r.urn) || (value !== undefined && byValue(r) === value)));
}

export const sqsVisibilityCoversLambdaTimeout = stackPolicy({
  name: "sqs-visibility-covers-lambda-timeout",
  description:
    "An SQS queue that feeds a Lambda function has a visibility timeout no shorter than the " +
    "function's timeout, as Lambda requires to create the event source mapping.",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: [MAPPING, QUEUE, FUNCTION],
  fix:
    "Raise the queue's visibilityTimeoutSeconds to at least the function's timeout (AWS " +
    "recommends 6 × timeout + batching window), or lower the function timeout.",
  configSchema,
  validateStack: (args, report) => {
    const { minimumRatio } = readConfig<{ minimumRatio: number }>(args, configSchema);
    for (const m of args.resources.filter((r) => r.type === MAPPING)) {
      const queue = linked(m, "eventSourceArn", QUEUE, (q) => peek(q.props, "arn"), args.resources);
      const fn = linked(m, "functionName", FUNCTION, (f) => peek(f.props, "name"), args.resources);
      if (!queue || !fn) continue;
      const visibility = Number(peek(queue.props, "visibilityTimeoutSeconds") ?? SQS_DEFAULT_VISIBILITY);
      const timeout = Number(peek(fn.props, "timeout") ?? LAMBDA_DEFAULT_TIMEOUT);
      const needed = Math.ceil(timeout * minimumRatio);
      if (visibility < needed) {
        report(
          `${m.name}: queue ${queue.name} has visibility timeout ${visibility} s, less than ` +
            `${minimumRatio === 1 ? "" : `${minimumRatio} × `}function ${fn.name}'s timeout ${timeout} ` +
            `s (Lambda: "Queue visibility timeout: ${visibility} seconds is less than Function ` +
            `timeout: ${timeout} seconds"): set visibilityTimeoutSeconds to at least ${needed}.`,
          m.urn,
        );
      }
    }
  },
});
