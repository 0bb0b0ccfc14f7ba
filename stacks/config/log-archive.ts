/** `platform:logArchive`: the CloudWatch Logs archive (components/operations LogArchive). */
import { z } from "zod";
import { FIREHOSE_BUFFERING, LOG_ARCHIVE_MIN_YEARS } from "../../platform-rules/log-archive";

const { sizeMiB, intervalSeconds } = FIREHOSE_BUFFERING;

export const logArchive = z
  .strictObject({
    retentionYears: z
      .number()
      .int()
      .min(
        LOG_ARCHIVE_MIN_YEARS.any,
        `must be at least ${LOG_ARCHIVE_MIN_YEARS.any} (PCI DSS 10.5.1 keeps audit logs 12 months)`,
      )
      .max(100)
      .default(LOG_ARCHIVE_MIN_YEARS.prod)
      .describe(
        `Years every archived log object is kept and Object-Locked; at least ${LOG_ARCHIVE_MIN_YEARS.prod} in prod. Default ${LOG_ARCHIVE_MIN_YEARS.prod}.`,
      ),
    lockMode: z
      .enum(["COMPLIANCE", "GOVERNANCE"])
      .default("COMPLIANCE")
      .describe(
        "Object Lock mode of the archive: COMPLIANCE (nobody can delete or shorten it; prod) or GOVERNANCE (privileged users can; dev). Default COMPLIANCE.",
      ),
    deepArchiveAfterDays: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe("Days before archived objects move to S3 Glacier Deep Archive. Default 1."),
    bufferingSizeMiB: z
      .number()
      .int()
      .min(sizeMiB.minimum)
      .max(sizeMiB.maximum)
      .default(sizeMiB.default)
      .describe(`Firehose buffer size in MiB (${sizeMiB.minimum}-${sizeMiB.maximum}). Default ${sizeMiB.default}.`),
    bufferingIntervalSeconds: z
      .number()
      .int()
      .min(intervalSeconds.minimum)
      .max(intervalSeconds.maximum)
      .default(intervalSeconds.default)
      .describe(
        `Firehose buffer interval in seconds (${intervalSeconds.minimum}-${intervalSeconds.maximum}); larger means fewer, bigger archive objects. Default ${intervalSeconds.default}.`,
      ),
  })
  .default({
    retentionYears: LOG_ARCHIVE_MIN_YEARS.prod,
    lockMode: "COMPLIANCE",
    deepArchiveAfterDays: 1,
    bufferingSizeMiB: sizeMiB.default,
    bufferingIntervalSeconds: intervalSeconds.default,
  });
