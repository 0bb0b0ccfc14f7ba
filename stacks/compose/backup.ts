/**
 * AWS Backup of everything tagged BackupPlan=<project>-<stack> (Aurora, the tables, the data
 * buckets: stacks/compose/core.ts backupTags), per platform:backup. With copyRegion, every
 * recovery point is copied to a vault there, encrypted with a backup key of that region.
 */
import * as aws from "@pulumi/aws";
import { Keys } from "../../components/kms";
import { PlatformBackup } from "../../components/operations";
import type { CoreOutputs, StackContext } from "./contracts";

export function composeBackup(ctx: StackContext, core: CoreOutputs): { exports: Record<string, unknown> } {
  const cfg = ctx.config.backup;
  const prefix = `${ctx.config.project}-${ctx.config.stack}`;
  const protection = ctx.retain ? "retain" : "disposable";
  let copy: { provider: aws.Provider; kmsKeyArn: ReturnType<Keys["key"]>["arn"] } | undefined;
  if (cfg.copyRegion) {
    const provider = new aws.Provider("aws-backup-copy", {
      region: cfg.copyRegion as aws.Region,
      defaultTags: { tags: { ...ctx.config.tags } },
    });
    const keys = new Keys(
      "backup-copy-keys",
      {
        aliasPrefix: `${prefix}-copy`,
        domains: ["backup"],
        deletionWindowDays: ctx.config.kms.deletionWindowDays,
        protection,
      },
      { providers: { aws: provider } },
    );
    copy = { provider, kmsKeyArn: keys.key("backup").arn };
  }
  const backup = new PlatformBackup(
    "backup",
    {
      kmsKeyArn: core.keys.backup.arn,
      selectionTag: prefix,
      dailyRetentionDays: cfg.dailyRetentionDays,
      monthlyRetentionDays: cfg.monthlyRetentionDays,
      vaultLock: cfg.vaultLock,
      copy,
      protection,
    },
    { providers: { aws: ctx.aws } },
  );
  return { exports: { backupVaultName: backup.vaultName, backupPlanId: backup.planId } };
}
