/**
 * PlatformBackup: an AWS Backup vault encrypted with the backup key, whose recovery points no one
 * can delete by hand (vault policy; in prod a vault lock in compliance mode), a plan with a daily
 * and a monthly rule (optionally copied to a vault in a second region), and one selection by
 * tag: every resource the stack tags `BackupPlan=<selectionTag>` (Aurora, DynamoDB, the S3 data
 * buckets) is backed up.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertValid, collectProblems, nameTag, type Protection } from "../common";

/** The tag key the selection matches; stacks put it on what must be backed up. */
export const BACKUP_TAG_KEY = "BackupPlan";

export type VaultLock = "none" | "governance" | "compliance";

/** AWS Backup's minimum cooling-off period of a compliance-mode vault lock. */
const MIN_CHANGEABLE_FOR_DAYS = 3;
/** AWS Config's BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK and _RECOVERY_POINT_MINIMUM_RETENTION_CHECK default. */
export const CONFIG_RULE_MIN_RETENTION_DAYS = 35;

export interface PlatformBackupArgs {
  /** CMK of the vault (the backup key). Required. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Value of the BackupPlan tag the selection matches. Required; a-z 0-9 -, 1-40. */
  readonly selectionTag: string;
  /** Days a daily recovery point is kept. Default 35; at least 35 (the Config rules' default) and at most 36500. */
  readonly dailyRetentionDays?: number;
  /** Days a monthly recovery point is kept. Default 365; at least dailyRetentionDays. */
  readonly monthlyRetentionDays?: number;
  /** Vault lock: none, governance (removable by privileged users) or compliance (immutable after 3 days). Default none. */
  readonly vaultLock?: VaultLock;
  /** A vault in another region that every recovery point is copied to (with its own CMK there). Default none. */
  readonly copy?: { readonly provider: aws.Provider; readonly kmsKeyArn: pulumi.Input<string> };
  /** disposable: the vault may be destroyed with its recovery points (dev). Default retain. */
  readonly protection?: Protection;
}

export function platformBackupArgsProblems(args: PlatformBackupArgs): readonly string[] {
  return collectProblems((p) => {
    const daily = args.dailyRetentionDays ?? CONFIG_RULE_MIN_RETENTION_DAYS;
    const monthly = args.monthlyRetentionDays ?? 365;
    if (!/^[a-z0-9-]{1,40}$/.test(args.selectionTag))
      p.add("selectionTag", `expected 1 to 40 of a-z 0-9 -; got ${JSON.stringify(args.selectionTag)}`);
    if (!Number.isInteger(daily) || daily < CONFIG_RULE_MIN_RETENTION_DAYS || daily > 36500) {
      p.add(
        "dailyRetentionDays",
        `must be a whole number from ${CONFIG_RULE_MIN_RETENTION_DAYS} (AWS Config's backup rules) to 36500; got ${daily}`,
      );
    }
    if (!Number.isInteger(monthly) || monthly < daily || monthly > 36500)
      p.add(
        "monthlyRetentionDays",
        `must be a whole number from dailyRetentionDays (${daily}) to 36500; got ${monthly}`,
      );
    if (args.vaultLock === "compliance" && args.protection === "disposable") {
      p.add(
        "vaultLock",
        "compliance locks cannot be removed after 3 days, so the vault could never be destroyed: use governance or none with protection disposable",
      );
    }
  });
}

export class PlatformBackup extends pulumi.ComponentResource {
  readonly vaultName: pulumi.Output<string>;
  readonly planId: pulumi.Output<string>;

  constructor(name: string, args: PlatformBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:operations:PlatformBackup", name, {}, opts);
    assertValid("platform:operations:PlatformBackup", name, platformBackupArgsProblems(args));
    const child = { parent: this };
    const daily = args.dailyRetentionDays ?? CONFIG_RULE_MIN_RETENTION_DAYS;
    const monthly = args.monthlyRetentionDays ?? 365;
    const disposable = args.protection === "disposable";

    const vault = this.vault(name, args.kmsKeyArn, daily, monthly, args.vaultLock ?? "none", disposable, child);
    const copyVault = args.copy
      ? this.vault(`${name}-copy`, args.copy.kmsKeyArn, daily, monthly, args.vaultLock ?? "none", disposable, {
          parent: this,
          provider: args.copy.provider,
        })
      : undefined;
    const copyTo = (deleteAfter: number) =>
      copyVault ? [{ destinationVaultArn: copyVault.arn, lifecycle: { deleteAfter } }] : undefined;

    const plan = new aws.backup.Plan(
      `${name}-plan`,
      {
        rules: [
          // 05:00 UTC, after Aurora's own backup window; an hour to start, three to finish.
          {
            ruleName: "daily",
            targetVaultName: vault.name,
            schedule: "cron(0 5 ? * * *)",
            startWindow: 60,
            completionWindow: 180,
            lifecycle: { deleteAfter: daily },
            copyActions: copyTo(daily),
          },
          {
            ruleName: "monthly",
            targetVaultName: vault.name,
            schedule: "cron(0 5 1 * ? *)",
            startWindow: 60,
            completionWindow: 360,
            lifecycle: { deleteAfter: monthly },
            copyActions: copyTo(monthly),
          },
        ],
        tags: nameTag(`${name}-plan`),
      },
      child,
    );

    const role = new aws.iam.Role(
      `${name}-role`,
      {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
        tags: nameTag(`${name}-role`),
      },
      child,
    );
    const attachments = [
      "AWSBackupServiceRolePolicyForBackup",
      "AWSBackupServiceRolePolicyForRestores",
      "AWSBackupServiceRolePolicyForS3Backup",
      "AWSBackupServiceRolePolicyForS3Restore",
    ].map(
      (policy) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-${policy.replace(/^AWSBackupServiceRolePolicyFor/, "").toLowerCase()}`,
          {
            role: role.name,
            policyArn: `arn:aws:iam::aws:policy/service-role/${policy}`,
          },
          child,
        ),
    );

    new aws.backup.Selection(
      `${name}-selection`,
      {
        // A physical name (Backup has no auto-naming for selections): 1-50 of a-zA-Z0-9 - _ .
        name: `${args.selectionTag}-tagged`,
        planId: plan.id,
        iamRoleArn: role.arn,
        selectionTags: [{ type: "STRINGEQUALS", key: BACKUP_TAG_KEY, value: args.selectionTag }],
      },
      // Backup checks the role can back the resources up when the selection is created.
      { parent: this, dependsOn: attachments },
    );

    this.vaultName = vault.name;
    this.planId = plan.id;
    this.registerOutputs({ vaultName: this.vaultName, planId: this.planId });
  }

  private vault(
    name: string,
    kmsKeyArn: pulumi.Input<string>,
    daily: number,
    monthly: number,
    lock: VaultLock,
    disposable: boolean,
    opts: pulumi.CustomResourceOptions,
  ): aws.backup.Vault {
    const vault = new aws.backup.Vault(
      `${name}-vault`,
      { kmsKeyArn, forceDestroy: disposable, tags: nameTag(`${name}-vault`) },
      opts,
    );
    // Config's BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED: no principal deletes a recovery point by hand.
    new aws.backup.VaultPolicy(
      `${name}-vault-policy`,
      {
        backupVaultName: vault.name,
        policy: pulumi.jsonStringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "NoManualDeletion",
              Effect: "Deny",
              Principal: "*",
              Action: ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"],
              Resource: "*",
            },
          ],
        }),
      },
      opts,
    );
    if (lock !== "none") {
      new aws.backup.VaultLockConfiguration(
        `${name}-vault-lock`,
        {
          backupVaultName: vault.name,
          minRetentionDays: daily,
          maxRetentionDays: monthly,
          // A cooling-off period makes it compliance mode: immutable once it has passed.
          ...(lock === "compliance" ? { changeableForDays: MIN_CHANGEABLE_FOR_DAYS } : {}),
        },
        opts,
      );
    }
    return vault;
  }
}
