import { inputsPolicy } from "../../lib/inputs-policy";
import { asArray, asObject, isCustomerManagedKey, type Props } from "../../lib/props";

const VOLUME = "aws:ebs/volume:Volume";
const INSTANCE = "aws:ec2/instance:Instance";
const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

function encryptedWithCmk(device: Props | undefined, keyField: string): boolean {
  return device?.["encrypted"] === true || device?.["encrypted"] === "true"
    ? isCustomerManagedKey(device[keyField])
    : false;
}

export const ebsVolumeCmk = inputsPolicy({
  name: "ebs-volume-cmk",
  description:
    "EBS volumes, instance block devices and launch-template block devices are encrypted with a customer-managed KMS key.",
  types: [VOLUME, INSTANCE, LAUNCH_TEMPLATE],
  fix: "Set encrypted: true and kmsKeyId (launch templates: ebs.encrypted and ebs.kmsKeyId) to a CMK.",
  covers: { checkov: ["CKV_AWS_3", "CKV_AWS_8", "CKV_AWS_189"] },
  problems: (props, type) => {
    const problems: string[] = [];
    if (type === VOLUME && !encryptedWithCmk(props, "kmsKeyId")) {
      problems.push(
        "Volume is not encrypted with a customer-managed key: set encrypted to true and kmsKeyId to a CMK ARN.",
      );
    }
    if (type === INSTANCE) {
      const devices = [
        asObject(props["rootBlockDevice"]) ?? {},
        ...asArray(props["ebsBlockDevices"]).map((d) => asObject(d)),
      ];
      if (devices.some((d) => !encryptedWithCmk(d, "kmsKeyId"))) {
        problems.push(
          "Instance block devices are not all encrypted with a customer-managed key: set " +
            "rootBlockDevice and every ebsBlockDevices entry to encrypted: true with kmsKeyId.",
        );
      }
    }
    if (type === LAUNCH_TEMPLATE) {
      const devices = asArray(props["blockDeviceMappings"])
        .map((m) => asObject(asObject(m)?.["ebs"]))
        .filter((e) => e !== undefined);
      if (devices.some((d) => !encryptedWithCmk(d, "kmsKeyId"))) {
        problems.push(
          'Launch template block devices are not all encrypted with a customer-managed key: set ebs.encrypted to "true" and ebs.kmsKeyId on each mapping.',
        );
      }
    }
    return problems;
  },
});
