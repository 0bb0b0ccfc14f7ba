/** Where IAM identity-policy documents live on the resource types this platform can declare. */
import { asArray, asObject, asString, type Props } from "./props";

/** Identity-policy holders: the document is the `policy` input. */
export const IDENTITY_POLICY_TYPES = [
  "aws:iam/policy:Policy",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:iam/userPolicy:UserPolicy",
  "aws:iam/groupPolicy:GroupPolicy",
];

export const ROLE = "aws:iam/role:Role";

/** Each identity-policy document of a resource with where it sits, e.g. `inlinePolicies[0]`. */
export function identityDocuments(type: string, props: Props): { where: string; document: unknown }[] {
  if (IDENTITY_POLICY_TYPES.includes(type)) return [{ where: "policy", document: props["policy"] }];
  if (type === ROLE) {
    return asArray(props["inlinePolicies"])
      .map((p, i) => ({
        where: `inlinePolicies[${i}] ${asString(asObject(p)?.["name"]) ?? ""}`.trim(),
        document: asObject(p)?.["policy"],
      }))
      .filter((d) => d.document !== undefined && d.document !== "");
  }
  return [];
}

export const IDENTITY_DOCUMENT_TYPES = [...IDENTITY_POLICY_TYPES, ROLE];
