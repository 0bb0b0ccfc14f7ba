/**
 * A resource policy may only name actions of the service that owns the resource. SNS checks
 * topic-policy actions against its own list and refuses everything else, `"*"` and `"sns:*"`
 * included ("Invalid parameter: Policy statement action out of service scope!"); S3 refuses
 * foreign actions in bucket policies ("MalformedPolicy: Policy has invalid action"); SQS and KMS
 * policies only ever authorize their own service's actions, so a foreign or bare `"*"` action is
 * at best dead text. One rule for all four: every Action/NotAction names the owning service.
 *
 * Sources: https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-language-api-permissions-reference.html
 * (valid SNS policy actions), https://github.com/versity/versitygw/issues/650 (S3's
 * "Policy has invalid action"), issue 11 Found 4.
 */
import { forTypes, readConfig } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";
import { statementLabel, statements } from "../support/documents";

interface Scope {
  readonly service: string;
  readonly prefix: string;
  /** The input holding the document. */
  readonly field: string;
  /** When set, only these actions are accepted (SNS validates against its own list). */
  readonly only?: readonly string[];
}

/** The actions SNS accepts in a topic policy (AWS SNS developer guide, "Valid Amazon SNS policy actions"). */
export const SNS_TOPIC_POLICY_ACTIONS = [
  "sns:AddPermission",
  "sns:DeleteTopic",
  "sns:GetDataProtectionPolicy",
  "sns:GetTopicAttributes",
  "sns:ListSubscriptionsByTopic",
  "sns:ListTagsForResource",
  "sns:Publish",
  "sns:PutDataProtectionPolicy",
  "sns:RemovePermission",
  "sns:SetTopicAttributes",
  "sns:Subscribe",
] as const;

const SNS: Omit<Scope, "field"> = { service: "SNS", prefix: "sns", only: SNS_TOPIC_POLICY_ACTIONS };
const SQS: Omit<Scope, "field"> = { service: "SQS", prefix: "sqs" };
const KMS: Omit<Scope, "field"> = { service: "KMS", prefix: "kms" };
const S3: Omit<Scope, "field"> = { service: "S3", prefix: "s3" };

export const RESOURCE_POLICY_SCOPES: Readonly<Record<string, Scope>> = {
  "aws:sns/topicPolicy:TopicPolicy": { ...SNS, field: "policy" },
  "aws:sns/topic:Topic": { ...SNS, field: "policy" },
  "aws:sqs/queuePolicy:QueuePolicy": { ...SQS, field: "policy" },
  "aws:sqs/queue:Queue": { ...SQS, field: "policy" },
  "aws:kms/key:Key": { ...KMS, field: "policy" },
  "aws:kms/keyPolicy:KeyPolicy": { ...KMS, field: "policy" },
  "aws:s3/bucketPolicy:BucketPolicy": { ...S3, field: "policy" },
};

const TYPES = Object.keys(RESOURCE_POLICY_SCOPES);

interface Config {
  /** Prefixes for which a bare "*" is tolerated (never SNS: SNS refuses it). */
  readonly allowBareWildcard: readonly string[];
}

const configSchema = {
  properties: {
    allowBareWildcard: {
      type: "array" as const,
      items: { type: "string" as const, enum: ["sqs", "kms", "s3"] },
      default: [],
      description:
        'Service prefixes whose resource policies may keep a bare "*" action (SNS refuses it and cannot be listed).',
    },
  },
};

/** Problems with one action entry, or undefined when it is in scope. */
export function actionProblem(
  action: string,
  scope: Omit<Scope, "field">,
  allowBare: readonly string[],
): string | undefined {
  const lower = action.toLowerCase();
  if (lower === "*") {
    return allowBare.includes(scope.prefix)
      ? undefined
      : `"*" is outside ${scope.service}'s ` +
          `scope${scope.only ? ` (${scope.service} refuses it: "Policy statement action out of service scope!")` : ""}: list the ${scope.prefix}: actions you mean${scope.only ? "" : `, or write "${scope.prefix}:*"`}`;
  }
  if (!lower.startsWith(`${scope.prefix}:`)) {
    return `"${action}" belongs to another service: a ${scope.service} resource policy only takes ${scope.prefix}: actions`;
  }
  if (scope.only && !scope.only.some((a) => a.toLowerCase() === lower)) {
    return (
      `"${action}" is not an action ${scope.service} accepts in a topic policy ("Policy ` +
      `statement action out of service scope!"; ${scope.prefix}:* is refused too): use only ` +
      `${scope.only.join(", ")}`
    );
  }
  return undefined;
}

export const resourcePolicyActionScope = resourcePolicy({
  name: "resource-policy-action-scope",
  description:
    "Resource policies (SNS topic, SQS queue, KMS key, S3 bucket) name only actions of the service that owns the resource.",
  enforcementLevel: "mandatory",
  pci: ["7.2.1"],
  resourceTypes: TYPES,
  fix:
    "Write each Action/NotAction with the owning service's prefix (sqs:*, kms:*, s3:*); on " +
    'SNS list the topic actions (sns:Publish, sns:Subscribe, ...): SNS refuses "*" and "sns:*".',
  configSchema,
  validateResource: forTypes(TYPES, (props, args, report) => {
    const scope = RESOURCE_POLICY_SCOPES[args.type];
    const { allowBareWildcard } = readConfig<Config>(args, configSchema);
    statements(props[scope.field]).forEach((statement, index) => {
      for (const action of statement.actions) {
        const problem = actionProblem(action, scope, allowBareWildcard);
        if (problem) report(`${scope.service} policy ${statementLabel(statement, index)}: ${problem}.`);
      }
    });
  }),
});
