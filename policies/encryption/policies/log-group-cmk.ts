import { inputsPolicy } from "../../lib/inputs-policy";
import { isCustomerManagedKey } from "../../lib/props";

export const logGroupCmk = inputsPolicy({
  name: "log-group-cmk",
  description: "CloudWatch log groups are encrypted with a customer-managed KMS key.",
  pci: ["3.5.1", "3.6.1", "10.3.2"],
  types: ["aws:cloudwatch/logGroup:LogGroup"],
  fix: "Set kmsKeyId to a CMK ARN whose key policy lets logs.<region>.amazonaws.com use it.",
  covers: { checkov: ["CKV_AWS_158"], cdkNag: ["PCIDSS321CloudWatchLogGroupEncrypted"] },
  problems: (props) =>
    isCustomerManagedKey(props["kmsKeyId"])
      ? []
      : ["Log group is not encrypted with a customer-managed key: set kmsKeyId to a CMK ARN."],
});
