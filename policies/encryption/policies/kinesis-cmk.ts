import { inputsPolicy } from "../../lib/inputs-policy";
import { asObject, isCustomerManagedKey } from "../../lib/props";

const STREAM = "aws:kinesis/stream:Stream";
const FIREHOSE = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";

export const kinesisCmk = inputsPolicy({
  name: "kinesis-cmk",
  description: "Kinesis data streams and Firehose delivery streams are encrypted with a customer-managed KMS key.",
  types: [STREAM, FIREHOSE],
  fix: "Streams: encryptionType KMS with kmsKeyId a CMK. Firehose: serverSideEncryption { enabled: true, keyType: CUSTOMER_MANAGED_CMK, keyArn }.",
  covers: { checkov: ["CKV_AWS_43", "CKV_AWS_185", "CKV_AWS_240", "CKV_AWS_241"] },
  problems: (props, type) => {
    if (type === STREAM) {
      return props["encryptionType"] === "KMS" && isCustomerManagedKey(props["kmsKeyId"])
        ? []
        : [
            'Stream is not encrypted with a customer-managed key: set encryptionType to "KMS" and kmsKeyId to a CMK (not alias/aws/kinesis).',
          ];
    }
    // A Firehose reading from a Kinesis stream inherits the stream's encryption.
    if (props["kinesisSourceConfiguration"] !== undefined) return [];
    const sse = asObject(props["serverSideEncryption"]);
    return sse?.["enabled"] === true && sse["keyType"] === "CUSTOMER_MANAGED_CMK" && isCustomerManagedKey(sse["keyArn"])
      ? []
      : [
          'Delivery stream is not encrypted with a customer-managed key: set serverSideEncryption { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn }.',
        ];
  },
});
