import { onAnyResource, statementsOf } from "../../lib/iam";
import { IDENTITY_DOCUMENT_TYPES, identityDocuments, ROLE } from "../../lib/iam-documents";
import { asArray, asString, forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const ATTACHMENTS = [
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  "aws:iam/policyAttachment:PolicyAttachment",
];
/** AWS managed policies that grant administrator or full IAM access. */
const ADMIN_MANAGED = [
  "arn:aws:iam::aws:policy/AdministratorAccess",
  "arn:aws:iam::aws:policy/IAMFullAccess",
  "arn:aws:iam::aws:policy/PowerUserAccess",
];
const isAdminManaged = (arn: unknown): boolean =>
  typeof arn === "string" && ADMIN_MANAGED.some((a) => arn.replace(/^arn:aws[a-z-]*:/, "arn:aws:") === a);

export const iamNoAdminAccess = resourcePolicy({
  name: "iam-no-admin-access",
  description:
    'No IAM policy grants every action (Action "*" or an Allow NotAction), full IAM access ' +
    "(iam:*) on every resource, or attaches AdministratorAccess, IAMFullAccess or " +
    "PowerUserAccess.",
  enforcementLevel: "mandatory",
  pci: ["7.2.1", "7.2.2", "7.2.5"],
  resourceTypes: [...IDENTITY_DOCUMENT_TYPES, ...ATTACHMENTS],
  fix: "List the actions the workload needs on the resources it needs (least privilege); never attach the AWS admin policies to workload roles.",
  covers: {
    checkov: ["CKV_AWS_1", "CKV_AWS_62", "CKV_AWS_63", "CKV_AWS_274", "CKV2_AWS_40", "CKV2_AWS_56"],
    cdkNag: [
      "PCIDSS321IAMPolicyNoStatementsWithAdminAccess",
      "PCIDSS321IAMPolicyNoStatementsWithFullAccess",
      "AwsSolutions-IAM5",
    ],
  },
  configSchema: { properties: {} },
  validateResource: forTypes([...IDENTITY_DOCUMENT_TYPES, ...ATTACHMENTS], (props, args, report) => {
    if (ATTACHMENTS.includes(args.type)) {
      if (isAdminManaged(props["policyArn"]))
        report(
          `${args.name} attaches ${asString(props["policyArn"])}: attach a customer-managed least-privilege policy instead.`,
        );
      return;
    }
    if (args.type === ROLE) {
      for (const arn of asArray(props["managedPolicyArns"]).filter(isAdminManaged))
        report(`managedPolicyArns includes ${String(arn)}: use a least-privilege customer-managed policy.`);
    }
    for (const { where, document } of identityDocuments(args.type, props)) {
      for (const s of statementsOf(document)) {
        if (s.effect !== "Allow") continue;
        if (s.actions.some((a) => a === "*" || a === "*:*"))
          report(`${where} allows Action "*"${onAnyResource(s) ? ' on Resource "*"' : ""}: list the actions needed.`);
        else if (s.notActions.length > 0)
          report(
            `${where} allows every action except ${s.notActions.join(", ")} (NotAction): list the actions needed instead.`,
          );
        else if (s.actions.some((a) => a.toLowerCase() === "iam:*") && onAnyResource(s))
          report(`${where} allows iam:* on Resource "*" (full IAM access): list the IAM actions and resources needed.`);
      }
    }
  }),
});
