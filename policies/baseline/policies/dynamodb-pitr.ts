import { inputsPolicy } from "../../lib/inputs-policy";
import { at } from "../../lib/props";

export const dynamodbPitr = inputsPolicy({
  name: "dynamodb-pitr",
  description: "DynamoDB tables have point-in-time recovery on (35 days of continuous backups).",
  pci: ["12.10.1", "10.5.1"],
  types: ["aws:dynamodb/table:Table"],
  fix: "Set pointInTimeRecovery: { enabled: true }.",
  covers: { checkov: ["CKV_AWS_28"], cdkNag: ["AwsSolutions-DDB3"] },
  problems: (props) =>
    at(props, "pointInTimeRecovery.enabled") === true
      ? []
      : ["Point-in-time recovery is off: set pointInTimeRecovery.enabled to true."],
});
