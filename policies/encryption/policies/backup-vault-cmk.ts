import { inputsPolicy } from "../../lib/inputs-policy";
import { isCustomerManagedKey } from "../../lib/props";

export const backupVaultCmk = inputsPolicy({
  name: "backup-vault-cmk",
  description: "AWS Backup vaults encrypt recovery points with a customer-managed KMS key.",
  types: ["aws:backup/vault:Vault"],
  fix: "Set kmsKeyArn to a CMK ARN.",
  covers: { checkov: ["CKV_AWS_166"] },
  problems: (props) =>
    isCustomerManagedKey(props["kmsKeyArn"])
      ? []
      : ["Backup vault uses the AWS-managed key: set kmsKeyArn to a CMK ARN."],
});
