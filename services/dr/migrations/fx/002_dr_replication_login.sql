-- The login the subscription stores (issue 12 item 10): never the Aurora master user, whose
-- password Aurora rotates every 7 days and which must not sit on another cloud. It may read what
-- is published and replicate, nothing else. Created without a password: `dr rotate-replication-password`
-- sets it from the Key Vault secret dr-replication-password (and, once subscribed, also runs
-- ALTER SUBSCRIPTION ... CONNECTION). Applied on both servers: after a failover Azure
-- publishes and Aurora subscribes with the same login.
do $$
begin
  if not exists (select from pg_roles where rolname = 'dr_repl') then
    create role dr_repl login;
  end if;
  if exists (select from pg_roles where rolname = 'rds_replication') then
    grant rds_replication to dr_repl;            -- Aurora: the replication attribute is RDS-managed
  else
    alter role dr_repl replication;              -- Azure (azure_pg_admin may grant it) and plain PostgreSQL
  end if;
end $$;
alter role dr_repl connection limit 10;
grant usage on schema dr to dr_repl;
grant select on dr.heartbeat to dr_repl;
do $$
begin
  -- The published application schema (trade, created by the trade-api migrations before these).
  if exists (select from pg_namespace where nspname = 'trade') then
    grant usage on schema trade to dr_repl;
    grant select on all tables in schema trade to dr_repl;
    alter default privileges in schema trade grant select on tables to dr_repl;
  end if;
end $$;
