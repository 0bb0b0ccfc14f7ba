import { inputsPolicy } from "../../lib/inputs-policy";
import { asObject, isCustomerManagedKey } from "../../lib/props";

export const dynamodbTableCmk = inputsPolicy({
  name: "dynamodb-table-cmk",
  description: "DynamoDB tables are encrypted with a customer-managed KMS key.",
  types: ["aws:dynamodb/table:Table"],
  fix: "Set serverSideEncryption: { enabled: true, kmsKeyArn: <CMK ARN> } (enabled alone uses the AWS-managed key).",
  covers: { checkov: ["CKV_AWS_119"] },
  problems: (props) => {
    const sse = asObject(props["serverSideEncryption"]);
    return sse?.["enabled"] === true && isCustomerManagedKey(sse["kmsKeyArn"])
      ? []
      : [
          "Table is not encrypted with a customer-managed key: set serverSideEncryption.enabled to true and serverSideEncryption.kmsKeyArn to a CMK ARN.",
        ];
  },
});
