/**
 * Some AWS settings exist once per account and region (or once per account): a second one in the
 * same stack fails at create time or silently overwrites the first. AWS Config allows one
 * configuration recorder, one delivery channel and one retention configuration per region
 * ("MaxNumberOfConfigurationRecordersExceededException: ... the maximum number of configuration
 * recorders: 1 is reached"); a service-linked role exists once per service per account
 * ("InvalidInput: Service role name AWSServiceRoleForConfig has been taken in this account");
 * API Gateway's Account (the CloudWatch role), Security Hub, GuardDuty's detector, Macie, EBS
 * encryption by default and the X-Ray encryption config are one per region; the account password
 * policy, alias and S3 account public access block are one per account; a second multi-region
 * trail is a billed duplicate. The list is a platform fact (platform-rules/account-singletons.ts),
 * which the stack's account baseline (platform:account.baseline) reads as well.
 *
 * Sources: https://github.com/trussworks/terraform-aws-config/issues/69,
 * https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html,
 * https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateAccount.html, issue 11 Found 3.
 */
import { ACCOUNT_SINGLETONS, singletonOf } from "../../../platform-rules/account-singletons";
import { asString, peek } from "../../lib/props";
import { stackPolicy, type PolicyResource } from "../../lib/types";

function regionOf(r: PolicyResource): string {
  return (
    asString(peek(r.props, "region")) ??
    asString(peek(r.provider?.props ?? {}, "region")) ??
    "(provider default region)"
  );
}

export const accountSingletons = stackPolicy({
  name: "account-singletons",
  description:
    "Account and region singletons (AWS Config recorder, delivery channel and retention, " +
    "service-linked roles, API Gateway account, multi-region trail, Security Hub, GuardDuty, " +
    "...) are declared at most once per stack.",
  enforcementLevel: "mandatory",
  pci: ["6.5.1", "10.2.1"],
  resourceTypes: ACCOUNT_SINGLETONS.map((s) => s.type),
  fix:
    "Declare each account/region singleton in one place (the account baseline owns it with " +
    "platform:account.baseline managed), or leave it to the landing zone that provides it " +
    "(provided).",
  configSchema: { properties: {} },
  validateStack: (args, report) => {
    const groups = new Map<string, { what: string; where: string; members: PolicyResource[] }>();
    for (const r of args.resources) {
      const found = singletonOf(r.type, r.props);
      if (!found) continue;
      const where = found.singleton.scope === "region" ? `per account and region (${regionOf(r)})` : "per account";
      const key = `${found.id}|${where}`;
      const id = found.id.startsWith(`${r.type}:`) ? found.id.slice(r.type.length + 1) : "";
      const group = groups.get(key) ?? { what: `${found.singleton.what}${id ? ` [${id}]` : ""}`, where, members: [] };
      group.members.push(r);
      groups.set(key, group);
    }
    for (const { what, where, members } of groups.values()) {
      for (const extra of members.slice(1)) {
        report(
          `${extra.name}: ${what} is declared again; AWS allows it once ${where} (also ${members
            .filter((m) => m !== extra)
            .map((m) => m.name)
            .join(
              ", ",
            )}), so the second create fails or overwrites the first. Keep one and let the other component use it.`,
          extra.urn,
        );
      }
    }
  },
});
