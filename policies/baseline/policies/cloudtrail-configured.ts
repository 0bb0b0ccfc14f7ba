import { inputsPolicy } from "../../lib/inputs-policy";
import { asString, isCustomerManagedKey } from "../../lib/props";

export const cloudtrailConfigured = inputsPolicy({
  name: "cloudtrail-configured",
  description:
    "CloudTrail trails log all regions and global service events, validate log files, encrypt with a customer-managed key and deliver to CloudWatch Logs.",
  pci: ["10.2.1", "10.2.2", "10.3.2", "10.3.4", "10.4.1"],
  types: ["aws:cloudtrail/trail:Trail"],
  fix:
    "Set isMultiRegionTrail, includeGlobalServiceEvents and enableLogFileValidation to true, " +
    "kmsKeyId to a CMK, and cloudWatchLogsGroupArn with cloudWatchLogsRoleArn.",
  covers: {
    checkov: ["CKV_AWS_35", "CKV_AWS_36", "CKV_AWS_67", "CKV_AWS_251", "CKV2_AWS_10"],
    cdkNag: [
      "PCIDSS321CloudTrailCloudWatchLogsEnabled",
      "PCIDSS321CloudTrailEncryptionEnabled",
      "PCIDSS321CloudTrailLogFileValidationEnabled",
    ],
  },
  problems: (props) => {
    const found: string[] = [];
    if (props["isMultiRegionTrail"] !== true)
      found.push("The trail records one region only: set isMultiRegionTrail to true.");
    if (props["includeGlobalServiceEvents"] === false)
      found.push("The trail skips global service events (IAM, STS): remove includeGlobalServiceEvents: false.");
    if (props["enableLogging"] === false) found.push("Logging is stopped: set enableLogging to true.");
    if (props["enableLogFileValidation"] !== true)
      found.push("Log files are not validated, so tampering goes unnoticed: set enableLogFileValidation to true.");
    if (!isCustomerManagedKey(props["kmsKeyId"]))
      found.push("Log files are encrypted with SSE-S3 only: set kmsKeyId to a CMK.");
    if (!asString(props["cloudWatchLogsGroupArn"]) || !asString(props["cloudWatchLogsRoleArn"])) {
      found.push(
        "Events do not reach CloudWatch Logs (no alarms on them): set cloudWatchLogsGroupArn and cloudWatchLogsRoleArn.",
      );
    }
    return found;
  },
});
