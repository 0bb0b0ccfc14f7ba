import { inputsPolicy } from "../../lib/inputs-policy";
import { isCustomerManagedKey } from "../../lib/props";

export const rdsStorageEncryptionCmk = inputsPolicy({
  name: "rds-storage-encryption-cmk",
  description: "Aurora clusters, global clusters and RDS instances encrypt storage with a customer-managed KMS key.",
  types: ["aws:rds/cluster:Cluster", "aws:rds/instance:Instance", "aws:rds/globalCluster:GlobalCluster"],
  fix: "Set storageEncrypted: true and kmsKeyId to a CMK ARN (a global cluster: storageEncrypted: true; its members carry the key).",
  covers: {
    checkov: ["CKV_AWS_16", "CKV_AWS_96", "CKV_AWS_327"],
    cdkNag: ["AwsSolutions-RDS2", "PCIDSS321RDSStorageEncrypted"],
  },
  problems: (props, type) => {
    if (props["storageEncrypted"] !== true) {
      return ["Storage is not encrypted: set storageEncrypted to true with kmsKeyId a CMK ARN."];
    }
    // Aurora clusters joining a global cluster or a replica inherit; everything else names its key.
    if (type !== "aws:rds/globalCluster:GlobalCluster" && !isCustomerManagedKey(props["kmsKeyId"])) {
      return ["Storage uses the AWS-managed key: set kmsKeyId to a CMK ARN."];
    }
    return [];
  },
});
