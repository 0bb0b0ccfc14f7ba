-- The heartbeat writer (issue 12 item 9). Applied to the `postgres` database of BOTH servers
-- (pg_cron lives in cron.database_name, `postgres` by default on Aurora and on Azure) with
--   dr apply-schema --target primary|standby --migrations services/dr/migrations/cron --database postgres
-- The job runs in the fx database; dr.write_heartbeat() (migrations/fx/001) writes only on the
-- server that is primary now. Needs pg_cron in shared_preload_libraries (Aurora: the cluster
-- parameter group; Azure: shared_preload_libraries and azure.extensions), which both stacks set.
-- The interval is platform:dr.heartbeatIntervalSeconds (10); a test keeps the two equal.
create extension if not exists pg_cron;
select cron.schedule_in_database('dr-heartbeat', '10 seconds', $job$select dr.write_heartbeat()$job$, 'fx');
