/**
 * The log archive (issue #16 item 3): every CloudWatch Logs log group the program creates is
 * streamed to the archive. A stack transformation records each log group as it is registered,
 * so a component added later is archived without anyone remembering to wire it; after the
 * platform is composed, each recorded group gets its subscription filter.
 */
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LogArchive } from "../../components/operations";
import type { CoreOutputs, StackContext } from "./contracts";

export const LOG_GROUP_TYPE = "aws:cloudwatch/logGroup:LogGroup";

/** The log groups registered after `recordLogGroups()`, with their logical names. */
export interface LogGroupRecorder {
  readonly groups: readonly { readonly name: string; readonly resource: aws.cloudwatch.LogGroup }[];
}

/** Registers the recorder for the rest of the program. Call once, before composing. */
export function recordLogGroups(): LogGroupRecorder {
  const groups: { name: string; resource: aws.cloudwatch.LogGroup }[] = [];
  pulumi.runtime.registerStackTransformation((args) => {
    if (args.type === LOG_GROUP_TYPE)
      groups.push({ name: args.name, resource: args.resource as aws.cloudwatch.LogGroup });
    return undefined;
  });
  return { groups };
}

export function composeLogArchive(
  ctx: StackContext,
  core: CoreOutputs,
  recorder: LogGroupRecorder,
): { exports: Record<string, unknown> } {
  const cfg = ctx.config.logArchive;
  const prefix = `${ctx.config.project}-${ctx.config.stack}`;
  const archive = new LogArchive(
    "log-archive",
    {
      bucketName: pulumi.interpolate`${prefix}-log-archive-${core.accountId}`,
      bucketKeyArn: core.keys.storage.arn,
      streamKeyArn: core.keys.logs.arn,
      accessLogs: { bucket: core.buckets.accessLogs.bucket, prefix: "log-archive/" },
      retentionYears: cfg.retentionYears,
      lockMode: cfg.lockMode,
      deepArchiveAfterDays: cfg.deepArchiveAfterDays,
      bufferingSizeMiB: cfg.bufferingSizeMiB,
      bufferingIntervalSeconds: cfg.bufferingIntervalSeconds,
      accountId: core.accountId,
      region: ctx.config.awsRegion,
      protection: ctx.retain ? "retain" : "disposable",
    },
    { providers: { aws: ctx.aws } },
  );
  // Snapshot: the archive's own resources create no log group, so nothing subscribes to itself.
  for (const group of [...recorder.groups]) archive.subscribe(group.resource, group.name);
  return { exports: { logArchiveBucketName: archive.bucketName, logArchiveStreamArn: archive.streamArn } };
}
