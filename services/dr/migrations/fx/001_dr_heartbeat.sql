-- The DR heartbeat (services/dr/README.md, "Lag: why a heartbeat"). Applied to the fx database
-- on BOTH servers, like the trade migrations: the table replicates, the function does not.
create schema if not exists dr;

create table if not exists dr.heartbeat (
  id smallint primary key default 1 check (id = 1),
  beat bigint not null,
  written_at timestamptz not null
);

-- What the pg_cron job dr-heartbeat runs (migrations/cron). It writes only on the server that is
-- primary now: a fenced database (default_transaction_read_only, the standby before promotion
-- and an old primary after fence-primary) and a database that subscribes (the standby) skip the
-- beat instead of failing, so the same job on both clouds follows the primary role by itself.
create or replace function dr.write_heartbeat() returns bigint language plpgsql as $$
declare
  next_beat bigint;
begin
  if current_setting('transaction_read_only') = 'on' then
    return null;
  end if;
  if exists (select 1 from pg_catalog.pg_subscription s join pg_catalog.pg_database d on d.oid = s.subdbid
              where d.datname = current_database()) then
    return null;
  end if;
  update dr.heartbeat set beat = beat + 1, written_at = clock_timestamp() where id = 1
    returning beat into next_beat;
  return next_beat;
end $$;
