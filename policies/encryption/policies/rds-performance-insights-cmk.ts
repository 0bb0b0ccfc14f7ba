import { inputsPolicy } from "../../lib/inputs-policy";
import { isCustomerManagedKey } from "../../lib/props";

export const rdsPerformanceInsightsCmk = inputsPolicy({
  name: "rds-performance-insights-cmk",
  description:
    "Where Performance Insights is on, its data (which includes SQL text) is encrypted with a customer-managed KMS key.",
  types: ["aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance", "aws:rds/instance:Instance"],
  fix: "Set performanceInsightsKmsKeyId to a CMK ARN wherever performanceInsightsEnabled is true.",
  covers: { checkov: ["CKV_AWS_354"] },
  problems: (props) =>
    props["performanceInsightsEnabled"] === true && !isCustomerManagedKey(props["performanceInsightsKmsKeyId"])
      ? ["Performance Insights uses the AWS-managed key: set performanceInsightsKmsKeyId to a CMK ARN."]
      : [],
});
