/**
 * An RDS Proxy target group's connection pool takes whole numbers within fixed ranges:
 * maxConnectionsPercent 1-100, maxIdleConnectionsPercent 0 up to maxConnectionsPercent, and
 * connectionBorrowTimeout 0-300 seconds. The provider's own validation is looser (idle share
 * 0-100 on its own, borrow timeout up to 3600), so a bad pool plans fine and the
 * ModifyDBProxyTargetGroup call of the first `pulumi up` is refused after the proxy exists.
 *
 * The provider always sends all three values, filling unset ones with its defaults (100, 50 and
 * 120): a maxConnectionsPercent under 50 with maxIdleConnectionsPercent left unset therefore sends
 * an idle share of 50, above the maximum, and is refused too. Without a connectionPoolConfig
 * block nothing is sent and AWS keeps its own defaults.
 *
 * Sources: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ConnectionPoolConfiguration.html
 * (MaxConnectionsPercent "between 1 and 100"; MaxIdleConnectionsPercent "between 0 and the value of
 * MaxConnectionsPercent"), https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-rds-dbproxytargetgroup-connectionpoolconfigurationinfoformat.html
 * (ConnectionBorrowTimeout "between 0 and 300" in the current reference; older API pages said 3600),
 * @pulumi/aws rds/proxyDefaultTargetGroup.d.ts and types/input.d.ts
 * (`ProxyDefaultTargetGroupConnectionPoolConfig`), terraform-provider-aws
 * internal/service/rds/proxy_default_target_group.go (defaults 100/50/120, all three always sent).
 */
import { RDS_PROXY_POOL } from "../../../platform-rules/aurora";
import { asObject, forTypes, isWholeIn } from "../../lib/props";
import { resourcePolicy } from "../../lib/types";

const TARGET_GROUP = "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup";

export const rdsProxyConnectionPool = resourcePolicy({
  name: "rds-proxy-connection-pool",
  description:
    "RDS Proxy target groups size their pool within what RDS accepts: maxConnectionsPercent 1-100, maxIdleConnectionsPercent 0 to maxConnectionsPercent, connectionBorrowTimeout 0-300 s.",
  enforcementLevel: "mandatory",
  pci: ["6.5.1"],
  resourceTypes: [TARGET_GROUP],
  fix: "Set connectionPoolConfig.maxConnectionsPercent to a whole number from 1 to 100, maxIdleConnectionsPercent explicitly to a whole number from 0 to maxConnectionsPercent (the provider otherwise sends 50), and connectionBorrowTimeout to 0-300 seconds.",
  configSchema: { properties: {} },
  validateResource: forTypes([TARGET_GROUP], (props, _args, report) => {
    const pool = asObject(props["connectionPoolConfig"]);
    if (!pool) return;
    const { maxConnectionsPercent: maxRule, maxIdleConnectionsPercent: idleRule } = RDS_PROXY_POOL;
    const borrowRule = RDS_PROXY_POOL.connectionBorrowTimeout;
    // null is how an engine may hand over an unset nested field: the provider then sends its default.
    const field = (key: string): unknown => pool[key] ?? undefined;

    const max = field("maxConnectionsPercent") ?? maxRule.providerDefault;
    const maxValid = isWholeIn(max, maxRule.min, maxRule.max);
    if (!maxValid)
      report(
        `connectionPoolConfig.maxConnectionsPercent ${JSON.stringify(max)} is outside RDS Proxy's ${maxRule.min}-${maxRule.max}: ModifyDBProxyTargetGroup refuses the pool.`,
      );

    const idleSet = field("maxIdleConnectionsPercent");
    const idle = idleSet ?? idleRule.providerDefault;
    const idleMax = maxValid ? (max as number) : maxRule.max;
    if (!isWholeIn(idle, idleRule.min, idleMax)) {
      const shown = idleSet === undefined ? `unset (the provider sends ${idle})` : JSON.stringify(idle);
      report(
        `connectionPoolConfig.maxIdleConnectionsPercent ${shown} is outside ${idleRule.min}-${idleMax}` +
          (maxValid ? ` (0 to maxConnectionsPercent ${idleMax})` : "") +
          `: ModifyDBProxyTargetGroup refuses the pool (the idle share is a whole number no larger than the maximum).`,
      );
    }

    const borrow = field("connectionBorrowTimeout");
    if (borrow !== undefined && !isWholeIn(borrow, borrowRule.min, borrowRule.max))
      report(
        `connectionPoolConfig.connectionBorrowTimeout ${JSON.stringify(borrow)} is outside RDS Proxy's ${borrowRule.min}-${borrowRule.max} seconds: ModifyDBProxyTargetGroup refuses the pool.`,
      );
  }),
});
