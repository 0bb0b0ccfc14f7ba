/**
 * Some AWS settings exist once per account and region (or once per account): a second one in
 * the same stack fails at create time or silently overwrites the first. AWS Config allows one
 * configuration recorder, one delivery channel and one retention configuration per region
 * ("MaxNumberOfConfigurationRecordersExceededException: ... the maximum number of configuration
 * recorders: 1 is reached"); a service-linked role exists once per service per account
 * ("InvalidInput: Service role name AWSServiceRoleForConfig has been taken in this account");
 * API Gateway's Account (the CloudWatch role), Security Hub, GuardDuty's detector, Macie,
 * Detective, EBS encryption by default and the X-Ray encryption config are one per region;
 * the account password policy, alias and S3 account public access block are one per account.
 *
 * Sources: https://github.com/trussworks/terraform-aws-config/issues/69,
 * https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html ("You can
 * have one configuration recorder per region"), https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html,
 * https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateAccount.html, issue 11 Found 3.
 */
import { asString, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

type Scope = "region" | "account";

/** Singleton types and their scope; a key function adds what makes two of them distinct (e.g. the SLR's service). */
export const SINGLETONS: Readonly<Record<string, { readonly scope: Scope; readonly label: string; readonly key?: (r: PolicyResource) => string }>> = {
  "aws:cfg/recorder:Recorder": { scope: "region", label: "AWS Config configuration recorder" },
  "aws:cfg/deliveryChannel:DeliveryChannel": { scope: "region", label: "AWS Config delivery channel" },
  "aws:cfg/retentionConfiguration:RetentionConfiguration": { scope: "region", label: "AWS Config retention configuration" },
  "aws:iam/serviceLinkedRole:ServiceLinkedRole": {
    scope: "account",
    label: "service-linked role",
    key: (r) => `${asString(peek(r.props, "awsServiceName")) ?? "?"}${asString(peek(r.props, "customSuffix")) ? `_${peek(r.props, "customSuffix")}` : ""}`,
  },
  "aws:apigateway/account:Account": { scope: "region", label: "API Gateway account settings (CloudWatch role)" },
  "aws:securityhub/account:Account": { scope: "region", label: "Security Hub account" },
  "aws:guardduty/detector:Detector": { scope: "region", label: "GuardDuty detector" },
  "aws:macie2/account:Account": { scope: "region", label: "Macie account" },
  "aws:detective/graph:Graph": { scope: "region", label: "Detective behavior graph" },
  "aws:ebs/encryptionByDefault:EncryptionByDefault": { scope: "region", label: "EBS encryption by default" },
  "aws:ebs/defaultKmsKey:DefaultKmsKey": { scope: "region", label: "EBS default KMS key" },
  "aws:xray/encryptionConfig:EncryptionConfig": { scope: "region", label: "X-Ray encryption config" },
  "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": { scope: "account", label: "IAM account password policy" },
  "aws:iam/accountAlias:AccountAlias": { scope: "account", label: "IAM account alias" },
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": { scope: "account", label: "S3 account public access block" },
};

function regionOf(r: PolicyResource): string {
  return asString(peek(r.props, "region")) ?? asString(peek(r.provider?.props ?? {}, "region")) ?? "(provider default region)";
}

export const accountSingletons = stackPolicy({
  name: "account-singletons",
  description: "Account and region singletons (AWS Config recorder, delivery channel and retention, service-linked roles, API Gateway account, Security Hub, GuardDuty, ...) are declared at most once per stack.",
  enforcementLevel: "mandatory",
  pci: ["6.5.1", "10.2.1"],
  resourceTypes: Object.keys(SINGLETONS),
  fix: "Declare each account/region singleton in one place (one component owns the account baseline), or leave it to the landing zone that already provides it.",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const groups = new Map<string, PolicyResource[]>();
    for (const r of args.resources) {
      const s = SINGLETONS[r.type];
      if (!s) continue;
      const key = [r.type, s.scope === "region" ? regionOf(r) : "account", s.key?.(r) ?? ""].join("|");
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const [key, members] of groups) {
      if (members.length < 2) continue;
      const s = SINGLETONS[members[0].type];
      const where = s.scope === "region" ? `per account and region (${key.split("|")[1]})` : "per account";
      const what = s.key ? `${s.label} ${key.split("|")[2]}` : s.label;
      for (const extra of members.slice(1)) {
        report(
          `${extra.name} declares a second ${what}, which AWS allows once ${where} (also ${members.filter((m) => m !== extra).map((m) => m.name).join(", ")}): the second create fails or overwrites the first. Keep one and let the other component use it.`,
          extra.urn,
        );
      }
    }
  },
});
