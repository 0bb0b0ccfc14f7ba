/**
 * RDS and Aurora take a daily backup window ("hh24:mi-hh24:mi", UTC, at least 30 minutes) and a
 * weekly maintenance window ("ddd:hh24:mi-ddd:hh24:mi", UTC, at least 30 minutes) that must not
 * overlap: "InvalidParameterValue: The backup window and maintenance window must not overlap"
 * (the provider does not check it before the API call). Left unset, the backup window is picked at
 * random by RDS and can collide with a maintenance window the program sets (govuk-paas/paas-cf#334).
 *
 * Sources: hashicorp/terraform-provider-aws#49828, ministryofjustice/cloud-platform-environments#5243,
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html
 * (PreferredBackupWindow / PreferredMaintenanceWindow constraints).
 */
import { asString, forTypes, peek } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const TYPES = ["aws:rds/cluster:Cluster", "aws:rds/instance:Instance"];
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEK = 7 * 1440;

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The daily window as [start, end) minutes of the day (end may pass midnight), or undefined when malformed. */
export function dailyWindow(s: string): [number, number] | undefined {
  const m = s.match(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/);
  if (!m) return undefined;
  const [a, b] = s.split("-").map(minutes);
  return [a, b <= a ? b + 1440 : b];
}

/** The weekly window as [start, end) minutes of the week, or undefined when malformed. */
export function weeklyWindow(s: string): [number, number] | undefined {
  const m = s
    .toLowerCase()
    .match(/^(mon|tue|wed|thu|fri|sat|sun):(\d\d:\d\d)-(mon|tue|wed|thu|fri|sat|sun):(\d\d:\d\d)$/);
  if (!m || minutes(m[2]) >= 1440 || minutes(m[4]) >= 1440) return undefined;
  const a = DAYS.indexOf(m[1]) * 1440 + minutes(m[2]);
  const b = DAYS.indexOf(m[3]) * 1440 + minutes(m[4]);
  return [a, b <= a ? b + WEEK : b];
}

/** True when the daily backup window overlaps the weekly maintenance window on any day. */
export function overlaps(daily: [number, number], weekly: [number, number]): boolean {
  for (let day = -1; day <= 7; day++) {
    const a = daily[0] + day * 1440;
    const b = daily[1] + day * 1440;
    for (const shift of [0, WEEK, -WEEK]) if (a < weekly[1] + shift && weekly[0] + shift < b) return true;
  }
  return false;
}

export const rdsBackupMaintenanceWindows = resourcePolicy({
  name: "rds-backup-maintenance-windows",
  description:
    "RDS/Aurora backup and maintenance windows are well-formed UTC windows of at least 30 minutes that do not overlap, as RDS requires.",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: TYPES,
  fix: 'Give preferredBackupWindow ("03:00-04:00") and preferredMaintenanceWindow ("sun:04:30-sun:05:30") at least 30 minutes each, in UTC, without overlap.',
  configSchema: { properties: {} },
  validateResource: forTypes(TYPES, (props, _args, report) => {
    const backup = asString(peek(props, "preferredBackupWindow"));
    const maintenance = asString(peek(props, "preferredMaintenanceWindow"));
    const daily = backup === undefined ? undefined : dailyWindow(backup);
    const weekly = maintenance === undefined ? undefined : weeklyWindow(maintenance);
    if (backup !== undefined && !daily) report(`preferredBackupWindow "${backup}" is not hh24:mi-hh24:mi in UTC.`);
    if (maintenance !== undefined && !weekly)
      report(`preferredMaintenanceWindow "${maintenance}" is not ddd:hh24:mi-ddd:hh24:mi in UTC.`);
    if (daily && daily[1] - daily[0] < 30)
      report(`preferredBackupWindow "${backup}" is shorter than the 30 minutes RDS requires.`);
    if (weekly && weekly[1] - weekly[0] < 30)
      report(`preferredMaintenanceWindow "${maintenance}" is shorter than the 30 minutes RDS requires.`);
    if (backup === undefined && weekly) {
      report(
        `preferredMaintenanceWindow "${maintenance}" is set but preferredBackupWindow is not: RDS ` +
          `then picks a random 30-minute backup window, which may overlap it and fail the update; ` +
          `set preferredBackupWindow explicitly.`,
      );
    }
    if (daily && weekly && overlaps(daily, weekly)) {
      report(
        `preferredBackupWindow "${backup}" overlaps preferredMaintenanceWindow "${maintenance}": ` +
          `RDS refuses it ("The backup window and maintenance window must not overlap"); move one of ` +
          `them.`,
      );
    }
  }),
});
