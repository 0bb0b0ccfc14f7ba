/**
 * A KMS key's deletion waiting period is 7 to 30 days. CreateKey takes no window; the provider
 * passes `deletionWindowInDays` to ScheduleKeyDeletion when the key is destroyed, so a value
 * outside the range plans and creates fine and fails only at the delete ("PendingWindowInDays ...
 * Member must have value greater than or equal to 7" / "less than or equal to 30"), leaving the
 * stack unable to replace or remove the key.
 *
 * Sources: https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html
 * (PendingWindowInDays: minimum 7, maximum 30), @pulumi/aws kms/key.d.ts (deletionWindowInDays
 * "must be between `7` and `30`, inclusive ... defaults to `30`").
 */
import { forTypes, isWholeIn } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const KEY_TYPES = ["aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:kms/externalKey:ExternalKey"];
export const KMS_DELETION_WINDOW_DAYS = { min: 7, max: 30 } as const;

export const kmsDeletionWindow = resourcePolicy({
  name: "kms-deletion-window",
  description: "KMS keys set deletionWindowInDays between 7 and 30 (or leave it unset for 30).",
  enforcementLevel: "mandatory",
  pci: ["3.6.1"],
  resourceTypes: KEY_TYPES,
  fix: "Set deletionWindowInDays to a whole number from 7 to 30 (30, the longest, gives the most time to cancel a deletion).",
  configSchema: { properties: {} },
  validateResource: forTypes(KEY_TYPES, (props, _args, report) => {
    const days = props["deletionWindowInDays"];
    if (days === undefined) return;
    const { min, max } = KMS_DELETION_WINDOW_DAYS;
    if (isWholeIn(days, min, max)) return;
    report(
      `deletionWindowInDays ${JSON.stringify(days)} is outside KMS's ${min}-${max} days: the key creates, but ScheduleKeyDeletion refuses the window when the key is replaced or destroyed.`,
    );
  }),
});
