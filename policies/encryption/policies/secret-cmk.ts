import { inputsPolicy } from "../../lib/inputs-policy";
import { isCustomerManagedKey } from "../../lib/props";

export const secretCmk = inputsPolicy({
  name: "secret-cmk",
  description: "Secrets Manager secrets are encrypted with a customer-managed KMS key.",
  pci: ["3.6.1", "3.7.1", "8.3.2"],
  types: ["aws:secretsmanager/secret:Secret"],
  fix: "Set kmsKeyId to a CMK (not alias/aws/secretsmanager).",
  covers: { checkov: ["CKV_AWS_149"], cdkNag: ["PCIDSS321SecretsManagerUsingKMSKey"] },
  problems: (props) =>
    isCustomerManagedKey(props["kmsKeyId"])
      ? []
      : ["Secret uses the AWS-managed key: set kmsKeyId to a CMK id or ARN."],
});
