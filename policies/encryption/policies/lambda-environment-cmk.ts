import { inputsPolicy } from "../../lib/inputs-policy";
import { asObject, isCustomerManagedKey } from "../../lib/props";

export const lambdaEnvironmentCmk = inputsPolicy({
  name: "lambda-environment-cmk",
  description: "Lambda functions with environment variables encrypt them with a customer-managed KMS key.",
  types: ["aws:lambda/function:Function"],
  fix: "Set kmsKeyArn to a CMK ARN on every function that has environment variables.",
  covers: { checkov: ["CKV_AWS_173"] },
  problems: (props) => {
    const variables = asObject(asObject(props["environment"])?.["variables"]);
    if (!variables || Object.keys(variables).length === 0) return [];
    return isCustomerManagedKey(props["kmsKeyArn"])
      ? []
      : ["Function environment variables use the AWS-managed key: set kmsKeyArn to a CMK ARN."];
  },
});
