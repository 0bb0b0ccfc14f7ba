import { isPublicPrincipal, isScoped, statementsOf } from "../../lib/iam";
import { asString, forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const LAMBDA_PERMISSION = "aws:lambda/permission:Permission";
/** Resource types whose `policy` input is a resource policy. */
const POLICY_HOLDERS = [
  "aws:sqs/queuePolicy:QueuePolicy",
  "aws:sqs/queue:Queue",
  "aws:sns/topicPolicy:TopicPolicy",
  "aws:sns/topic:Topic",
  "aws:kms/key:Key",
  "aws:kms/keyPolicy:KeyPolicy",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:secretsmanager/secretPolicy:SecretPolicy",
  "aws:secretsmanager/secret:Secret",
];
const TYPES = [LAMBDA_PERMISSION, ...POLICY_HOLDERS];

export const resourcePolicyNotPublic = resourcePolicy({
  name: "resource-policy-not-public",
  description:
    "Resource policies (Lambda permissions, SQS, SNS, KMS key, S3 bucket, Secrets Manager) " +
    'grant nothing to Principal "*" without a condition pinning the caller (source ' +
    "ARN/account, organization, VPC endpoint); Lambda permissions to AWS services name the " +
    "source.",
  enforcementLevel: "mandatory",
  pci: ["1.3.1", "7.2.1", "7.2.2"],
  resourceTypes: TYPES,
  fix:
    "Name the principal (account, role or service) or add a condition on aws:SourceArn, " +
    "aws:SourceAccount, aws:PrincipalOrgID or aws:SourceVpce; for a Lambda permission set " +
    "sourceArn (and sourceAccount for S3).",
  covers: {
    checkov: ["CKV_AWS_33", "CKV_AWS_70", "CKV_AWS_72", "CKV_AWS_168", "CKV_AWS_169", "CKV_AWS_301", "CKV_AWS_364"],
    cdkNag: [
      "PCIDSS321LambdaFunctionPublicAccessProhibited",
      "PCIDSS321S3BucketPublicReadProhibited",
      "PCIDSS321S3BucketPublicWriteProhibited",
      "PCIDSS321S3BucketLevelPublicAccessProhibited",
    ],
  },
  configSchema: { properties: {} },
  validateResource: forTypes(TYPES, (props, args, report) => {
    if (args.type === LAMBDA_PERMISSION) {
      const principal = asString(props["principal"]) ?? "";
      // A source ARN does not tame "*": any account's resource of that ARN pattern could call. Only an organization pins it.
      if (principal === "*" && props["principalOrgId"] === undefined)
        report(
          `${args.name} lets any principal invoke the function: name the service or role (events.amazonaws.com, an account role) or set principalOrgId.`,
        );
      else if (
        principal.endsWith(".amazonaws.com") &&
        props["sourceArn"] === undefined &&
        props["sourceAccount"] === undefined
      ) {
        report(
          `${args.name} lets ${principal} invoke the function on behalf of any account: set sourceArn (and sourceAccount).`,
        );
      }
      if (asString(props["functionUrlAuthType"]) === "NONE")
        report(`${args.name} opens an unauthenticated function URL: use functionUrlAuthType AWS_IAM.`);
      return;
    }
    statementsOf(props["policy"]).forEach((s, i) => {
      if (s.effect === "Allow" && isPublicPrincipal(s) && !isScoped(s)) {
        report(
          `Statement ${i} allows ${s.actions.join(", ") || "every action"} to Principal "*" without ` +
            `a scoping condition: name the principal or add an aws:SourceArn / aws:SourceAccount / ` +
            `aws:PrincipalOrgID / aws:SourceVpce condition.`,
        );
      }
    });
  }),
});
