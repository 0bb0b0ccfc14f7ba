import { inputsPolicy } from "../../lib/inputs-policy";

export const rdsNoPublicAccess = inputsPolicy({
  name: "rds-no-public-access",
  description: "Aurora cluster instances and RDS instances are explicitly not publicly accessible.",
  pci: ["1.3.1", "1.4.1", "1.4.4"],
  types: ["aws:rds/clusterInstance:ClusterInstance", "aws:rds/instance:Instance"],
  fix: "Set publiclyAccessible: false explicitly (the AWS default depends on the subnet group).",
  covers: { checkov: ["CKV_AWS_17"], cdkNag: ["PCIDSS321RDSInstancePublicAccess"] },
  problems: (props) =>
    props["publiclyAccessible"] === false
      ? []
      : ["Database instance may be reachable from the internet: set publiclyAccessible to false."],
});
