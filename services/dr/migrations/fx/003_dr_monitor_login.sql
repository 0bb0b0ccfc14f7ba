-- The DR monitor's own login (issue 11 item 9): the monitor never reads the Aurora master secret,
-- which only the migration function holds. On Aurora it logs in with IAM auth tokens only
-- (rds_iam; its role may rds-db:connect as this user and nothing else), so it has no password.
-- It may read the replication views and the heartbeat, nothing else. Applied on both servers;
-- on the Azure standby, which has no IAM tokens, the operator sets its password from the
-- secret drMonitorStandbySecretArn and grants the trade reads the promoted check needs
-- (services/dr-monitor/README.md).
do $$
begin
  if not exists (select from pg_roles where rolname = 'dr_monitor') then
    -- Defaults: no superuser, createdb, createrole, replication or bypassrls.
    create role dr_monitor login;
  end if;
  if exists (select from pg_roles where rolname = 'rds_iam') then
    grant rds_iam to dr_monitor;
  end if;
end $$;
-- One run a minute, one connection each; a few spare for a run that overlaps a slow one.
alter role dr_monitor connection limit 3;
grant pg_monitor to dr_monitor;                  -- pg_replication_slots, pg_stat_subscription, WAL positions
grant usage on schema dr to dr_monitor;
grant select on dr.heartbeat to dr_monitor;
