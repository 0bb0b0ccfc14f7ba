import { forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const TYPES = [
  "aws:iam/user:User",
  "aws:iam/accessKey:AccessKey",
  "aws:iam/userLoginProfile:UserLoginProfile",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/userGroupMembership:UserGroupMembership",
  "aws:iam/groupMembership:GroupMembership",
  "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
  "aws:iam/signingCertificate:SigningCertificate",
  "aws:iam/sshKey:SshKey",
];

export const iamNoUsers = resourcePolicy({
  name: "iam-no-users",
  description:
    "No IAM users or long-lived access keys: people sign in through IAM Identity Center (MFA), workloads use roles with temporary credentials.",
  enforcementLevel: "mandatory",
  pci: ["8.2.1", "8.2.2", "8.3.1", "8.6.3"],
  resourceTypes: TYPES,
  fix: "Delete the IAM user/credential; grant people access through IAM Identity Center permission sets and workloads through roles (OIDC for CI).",
  covers: {
    checkov: ["CKV_AWS_273", "CKV_AWS_40", "CKV2_AWS_21", "CKV2_AWS_22"],
    cdkNag: ["PCIDSS321IAMUserNoPolicies", "PCIDSS321IAMUserGroupMembership", "PCIDSS321IAMGroupHasUsers"],
  },
  configSchema: { properties: {} },
  validateResource: forTypes(TYPES, (_props, args, report) => {
    const what = args.type.split(":").pop();
    report(
      `${args.name} is an IAM ${what}: long-lived IAM identities and keys are not allowed; use IAM Identity Center for people and roles for workloads.`,
    );
  }),
});
