import { grants, onAnyResource, statementsOf } from "../../lib/iam";
import { IDENTITY_DOCUMENT_TYPES, identityDocuments } from "../../lib/iam-documents";
import { forTypes } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

export const iamNoPassroleWildcard = resourcePolicy({
  name: "iam-no-passrole-wildcard",
  description:
    'No IAM policy allows iam:PassRole on Resource "*": whoever holds it can hand any role, admin roles included, to a service it controls.',
  enforcementLevel: "mandatory",
  pci: ["7.2.1", "7.2.2"],
  resourceTypes: IDENTITY_DOCUMENT_TYPES,
  fix: "Scope iam:PassRole to the role ARNs the caller must pass, and add an iam:PassedToService condition.",
  covers: { checkov: ["CKV_AWS_286"], cdkNag: ["AwsSolutions-IAM5"] },
  configSchema: { properties: {} },
  validateResource: forTypes(IDENTITY_DOCUMENT_TYPES, (props, args, report) => {
    for (const { where, document } of identityDocuments(args.type, props)) {
      for (const s of statementsOf(document)) {
        if (grants(s, "iam:PassRole") && onAnyResource(s))
          report(`${where} allows iam:PassRole on Resource "*": name the role ARNs it may pass.`);
      }
    }
  }),
});
