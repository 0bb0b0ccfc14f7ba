import { inputsPolicy } from "../../lib/inputs-policy";
import { isCustomerManagedKey } from "../../lib/props";

export const sqsQueueCmk = inputsPolicy({
  name: "sqs-queue-cmk",
  description: "SQS queues (including dead-letter queues) are encrypted with a customer-managed KMS key.",
  types: ["aws:sqs/queue:Queue"],
  fix: "Set kmsMasterKeyId to a CMK (SQS-managed SSE and alias/aws/sqs do not satisfy key custody).",
  covers: { checkov: ["CKV_AWS_27"], cdkNag: ["AwsSolutions-SQS2"] },
  problems: (props) =>
    isCustomerManagedKey(props["kmsMasterKeyId"])
      ? []
      : [
          "Queue is not encrypted with a customer-managed key: set kmsMasterKeyId to a CMK id or ARN (not alias/aws/sqs, not sqsManagedSseEnabled).",
        ],
});
