import { inputsPolicy } from "../../lib/inputs-policy";
import { isCustomerManagedKey } from "../../lib/props";

export const snsTopicCmk = inputsPolicy({
  name: "sns-topic-cmk",
  description: "SNS topics are encrypted with a customer-managed KMS key.",
  types: ["aws:sns/topic:Topic"],
  fix: "Set kmsMasterKeyId to a CMK (not alias/aws/sns).",
  covers: { checkov: ["CKV_AWS_26"], cdkNag: ["PCIDSS321SNSEncryptedKMS"] },
  problems: (props) =>
    isCustomerManagedKey(props["kmsMasterKeyId"])
      ? []
      : [
          "Topic is not encrypted with a customer-managed key: set kmsMasterKeyId to a CMK id or ARN (not alias/aws/sns).",
        ],
});
