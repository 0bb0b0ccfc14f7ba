import { asArray, asObject, forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const INLINE = ["aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy"];
const ROLE = "aws:iam/role:Role";

export const iamNoInlinePolicies = resourcePolicy({
  name: "iam-no-inline-policies",
  description:
    "IAM permissions are customer-managed policies attached to roles, never inline policies, so each grant is a reviewable, versioned object of its own.",
  enforcementLevel: "mandatory",
  pci: ["7.2.1", "7.2.4"],
  resourceTypes: [...INLINE, ROLE],
  fix: "Replace the inline policy with an aws.iam.Policy and an aws.iam.RolePolicyAttachment.",
  covers: { cdkNag: ["PCIDSS321IAMNoInlinePolicy"] },
  configSchema: { properties: {} },
  validateResource: forTypes([...INLINE, ROLE], (props, args, report) => {
    if (args.type === ROLE) {
      const inline = asArray(props["inlinePolicies"]).filter((p) => !!asObject(p)?.["policy"]);
      if (inline.length > 0)
        report(
          `${args.name} has ${inline.length} inline polic${inline.length === 1 ? "y" : "ies"} ` +
            `(inlinePolicies): move each to an aws.iam.Policy attached with ` +
            `aws.iam.RolePolicyAttachment.`,
        );
      return;
    }
    report(
      `${args.name} is an inline policy: make it an aws.iam.Policy and attach it with aws.iam.RolePolicyAttachment.`,
    );
  }),
});
