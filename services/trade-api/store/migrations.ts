/**
 * Schema for the verifiable ledger on Aurora PostgreSQL 17, applied by code at start-up.
 * Idempotent: applied migrations are recorded with a checksum (an edited, already-applied
 * migration is refused), and concurrent starters serialize on an advisory lock.
 */
import type { Pool } from "pg";
import { TRADE_API_DB_USER, TRADE_DIGEST_DB_USER, TRADE_OUTBOX_DB_USER } from "../../../platform-rules/database";
import { applyMigrations, checksum, type Migration } from "../../shared/migrate";

export type { Migration };

/**
 * Active hash chains (1..LEDGER_CHAINS) as migration 006 creates them; chain 0 is the frozen
 * legacy chain. Part of 006's text (and checksum): changing it takes a new migration.
 */
export const LEDGER_CHAINS = 256;

/** Chains a booking may take: its home chain (chainOf) and the ones after it (migration 006). */
export const CHAIN_CANDIDATES = 4;

/** First key of the two-key advisory locks on chains (second key: the chain). */
const CHAIN_LOCK_SPACE = 73_164;

export const MIGRATIONS: readonly Migration[] = [
  {
    id: "001_ledger",
    sql: `
create schema if not exists trade;

create table if not exists trade.ledger_entries (
  sequence   bigint primary key check (sequence > 0),
  order_id   uuid not null unique,
  client_id  text not null,
  prev_hash  char(64) not null,
  hash       char(64) not null unique,
  payload    text not null,
  created_at timestamptz not null default now()
);
create index if not exists ledger_entries_client_order on trade.ledger_entries (client_id, order_id);

-- One row: the chain head. Appenders lock it (FOR UPDATE), which serializes appends.
create table if not exists trade.ledger_head (
  id       smallint primary key check (id = 1),
  sequence bigint not null check (sequence >= 0),
  hash     char(64) not null
);
insert into trade.ledger_head (id, sequence, hash) values (1, 0, repeat('0', 64)) on conflict do nothing;

create table if not exists trade.idempotency_keys (
  client_id       text not null,
  idempotency_key text not null,
  request_hash    char(64) not null,
  status_code     smallint,
  response        jsonb,
  created_at      timestamptz not null default now(),
  primary key (client_id, idempotency_key)
);

-- Append-only, enforced by the database itself and not only by the application.
create or replace function trade.refuse_ledger_change() returns trigger language plpgsql as $$
begin
  raise exception 'trade.ledger_entries is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end $$;
drop trigger if exists ledger_entries_no_update_delete on trade.ledger_entries;
create trigger ledger_entries_no_update_delete before update or delete on trade.ledger_entries
  for each row execute function trade.refuse_ledger_change();
drop trigger if exists ledger_entries_no_truncate on trade.ledger_entries;
create trigger ledger_entries_no_truncate before truncate on trade.ledger_entries
  for each statement execute function trade.refuse_ledger_change();

-- The head only ever moves forward by one entry.
create or replace function trade.head_moves_forward() returns trigger language plpgsql as $$
begin
  if new.sequence <> old.sequence + 1 then
    raise exception 'trade.ledger_head may only advance by one (from % to %)', old.sequence, new.sequence
      using errcode = 'check_violation';
  end if;
  return new;
end $$;
drop trigger if exists ledger_head_forward_only on trade.ledger_head;
create trigger ledger_head_forward_only before update on trade.ledger_head
  for each row execute function trade.head_moves_forward();
drop trigger if exists ledger_head_no_delete on trade.ledger_head;
create trigger ledger_head_no_delete before delete or truncate on trade.ledger_head
  for each statement execute function trade.refuse_ledger_change();
`,
  },
  {
    id: "002_roles",
    sql: `
-- Grant these NOLOGIN roles to the login users the services connect as.
do $$ begin
  if not exists (select from pg_roles where rolname = 'trade_api_writer') then
    create role trade_api_writer nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'trade_ledger_reader') then
    create role trade_ledger_reader nologin;
  end if;
end $$;

revoke all on schema trade from public;
revoke all on all tables in schema trade from public;
grant usage on schema trade to trade_api_writer, trade_ledger_reader;
-- No UPDATE, DELETE or TRUNCATE on entries for anyone but the owner (and the trigger stops the owner).
grant select, insert on trade.ledger_entries to trade_api_writer;
grant select, update on trade.ledger_head to trade_api_writer;
grant select, insert, update on trade.idempotency_keys to trade_api_writer;
grant select on trade.ledger_entries, trade.ledger_head to trade_ledger_reader;
`,
  },
  {
    id: "003_head_group_commit",
    sql: `
-- Appends are group-committed, so the head may advance by several entries in one update; it
-- still only moves forward, and at commit it must name an entry that exists with that hash.
create or replace function trade.head_moves_forward() returns trigger language plpgsql as $$
begin
  if new.sequence <= old.sequence then
    raise exception 'trade.ledger_head may only move forward (from % to %)', old.sequence, new.sequence
      using errcode = 'check_violation';
  end if;
  return new;
end $$;

create or replace function trade.head_names_an_entry() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from trade.ledger_entries e where e.sequence = new.sequence and e.hash = new.hash) then
    raise exception 'trade.ledger_head (%, %) names no ledger entry', new.sequence, new.hash
      using errcode = 'check_violation';
  end if;
  return null;
end $$;
drop trigger if exists ledger_head_names_an_entry on trade.ledger_head;

-- order_id is unique on its own; the composite index only cost every append an index write.
drop index if exists trade.ledger_entries_client_order;
create constraint trigger ledger_head_names_an_entry after update on trade.ledger_head
  deferrable initially deferred for each row execute function trade.head_names_an_entry();
`,
  },
  {
    id: "004_append_function",
    sql: `
-- A replay is rebuilt from the ledger entry the key points at, so no response copy is kept.
alter table trade.idempotency_keys add column if not exists order_id uuid;
alter table trade.idempotency_keys drop column if exists response;
alter table trade.idempotency_keys drop column if exists status_code;

-- Books a batch in one statement (one round trip, one commit). Lock order is fixed: the head
-- first, then keys, so concurrent callers cannot deadlock. The entry hash is the rule of
-- services/trade-api/domain/ledger.ts (entryHash), which verification recomputes in Node:
--   sha256(sequence || newline || prev_hash || newline || payload) in hex.
-- A NULL payload means "look the key up only" (the order could not be priced).
create or replace function trade.append_orders(
  p_client_ids text[], p_keys text[], p_request_hashes text[], p_order_ids uuid[], p_payloads text[]
) returns table (idx integer, outcome text, seq bigint, entry_hash text, payload text, request_hash text)
language plpgsql as $$
declare
  v_seq bigint;
  v_hash text;
  v_start bigint;
  v_prev text;
begin
  select h.sequence, h.hash into v_seq, v_hash from trade.ledger_head h where h.id = 1 for update;
  if not found then
    raise exception 'trade.ledger_head is missing; run migrations';
  end if;
  v_start := v_seq;
  for i in 1 .. coalesce(array_length(p_keys, 1), 0) loop
    if p_payloads[i] is not null then
      insert into trade.idempotency_keys (client_id, idempotency_key, request_hash, order_id)
        values (p_client_ids[i], p_keys[i], p_request_hashes[i], p_order_ids[i])
        on conflict do nothing;
      if found then
        v_prev := v_hash;
        v_seq := v_seq + 1;
        v_hash := encode(sha256(convert_to(v_seq::text || chr(10) || v_prev || chr(10) || p_payloads[i], 'UTF8')), 'hex');
        insert into trade.ledger_entries (sequence, order_id, client_id, prev_hash, hash, payload)
          values (v_seq, p_order_ids[i], p_client_ids[i], v_prev, v_hash, p_payloads[i]);
        idx := i; outcome := 'booked'; seq := v_seq; entry_hash := v_hash; payload := null; request_hash := null;
        return next;
        continue;
      end if;
    end if;
    return query
      select i, 'existing'::text, e.sequence, e.hash::text, e.payload, k.request_hash::text
      from trade.idempotency_keys k
      left join trade.ledger_entries e on e.order_id = k.order_id
      where k.client_id = p_client_ids[i] and k.idempotency_key = p_keys[i];
  end loop;
  if v_seq > v_start then
    update trade.ledger_head set sequence = v_seq, hash = v_hash where id = 1;
  end if;
end $$;

revoke all on function trade.append_orders(text[], text[], text[], uuid[], text[]) from public;
grant execute on function trade.append_orders(text[], text[], text[], uuid[], text[]) to trade_api_writer;
revoke update on trade.idempotency_keys from trade_api_writer;
`,
  },
  {
    id: "005_api_login",
    sql: `
-- The login the trade API connects as: trade_api_writer's privileges and nothing else. It has no
-- password; on RDS/Aurora rds_iam makes it log in with IAM auth tokens only. rds_iam exists
-- only there, so embedded PostgreSQL (tests) and the Azure standby skip that grant.
do $$ begin
  if not exists (select from pg_roles where rolname = 'trade_api') then
    -- Defaults: no superuser, createdb, createrole, replication or bypassrls. Not altered when it
    -- exists: the RDS master user is no superuser and may not change those attributes.
    create role trade_api login;
  end if;
  if exists (select from pg_roles where rolname = 'rds_iam') then
    grant rds_iam to trade_api;
  end if;
end $$;
grant trade_api_writer to trade_api;
`,
  },
  {
    id: "006_hash_chains",
    sql: `
-- The single chain serialized every booking on one head row. The journal becomes K = ${LEDGER_CHAINS}
-- independent hash chains (chains 1..${LEDGER_CHAINS}, an order's chain = trade.chain_of(order_id)), each
-- with its own head row, so unrelated bookings never wait on each other. The entries of the
-- single chain stay where they are, verbatim, as chain 0 (frozen, hash rule 1); issued
-- receipts (sequence, hash) keep verifying. Digests (trade.ledger_digests) commit every
-- chain's head at a fixed interval.

-- Appenders of the previous release wait here, not half-way through.
lock table trade.ledger_head, trade.ledger_entries in exclusive mode;

-- 1. Verify the single chain first: a broken chain is not carried into the new layout.
do $$
declare
  v_prev text := repeat('0', 64);
  v_next bigint := 1;
  r record;
  h record;
begin
  for r in select e.sequence, e.prev_hash, e.hash, e.payload from trade.ledger_entries e order by e.sequence loop
    if r.sequence <> v_next or r.prev_hash <> v_prev
       or encode(sha256(convert_to(r.sequence::text || chr(10) || r.prev_hash || chr(10) || r.payload, 'UTF8')), 'hex') <> r.hash then
      raise exception 'ledger entry % does not verify; migration 006 will not carry a broken chain over (GET /v1/ledger/verify names the break)', r.sequence
        using errcode = 'data_corrupted';
    end if;
    v_prev := r.hash;
    v_next := v_next + 1;
  end loop;
  select hd.sequence, hd.hash into h from trade.ledger_head hd where hd.id = 1;
  if h.sequence <> v_next - 1 or h.hash <> v_prev then
    raise exception 'trade.ledger_head (%) does not match the last entry (%); migration 006 stops', h.sequence, v_next - 1
      using errcode = 'data_corrupted';
  end if;
end $$;

-- 2. One head row per chain. prev_hash is what the last append linked to, so one UPDATE can
--    advance a head and return both hashes.
create table trade.ledger_chains (
  chain     integer primary key check (chain between 0 and ${LEDGER_CHAINS}),
  sequence  bigint not null check (sequence >= 0),
  hash      char(64) not null,
  prev_hash char(64) not null
);
insert into trade.ledger_chains (chain, sequence, hash, prev_hash)
  select 0, hd.sequence, hd.hash, coalesce((select e.prev_hash from trade.ledger_entries e where e.sequence = hd.sequence), hd.hash)
  from trade.ledger_head hd where hd.id = 1;
insert into trade.ledger_chains (chain, sequence, hash, prev_hash)
  select c, 0, g.hash, g.hash
  from generate_series(1, ${LEDGER_CHAINS}) c,
       lateral (select encode(sha256(convert_to('fx-ledger genesis' || chr(10) || c::text, 'UTF8')), 'hex') as hash) g;

alter table trade.ledger_entries add column chain integer not null default 0 check (chain between 0 and ${LEDGER_CHAINS});
alter table trade.ledger_entries alter column chain drop default;
alter table trade.ledger_entries drop constraint ledger_entries_pkey;
alter table trade.ledger_entries add constraint ledger_entries_pkey primary key (chain, sequence);
-- The chain links make hashes unique in effect; the index only cost every append a write.
alter table trade.ledger_entries drop constraint if exists ledger_entries_hash_key;

-- A head only moves forward by one entry, links to the hash it held, and chain 0 is frozen.
create or replace function trade.chain_moves_forward() returns trigger language plpgsql as $$
begin
  if old.chain = 0 then
    raise exception 'ledger chain 0 (the single chain of before migration 006) is frozen' using errcode = 'check_violation';
  end if;
  if new.chain <> old.chain or new.sequence <> old.sequence + 1 or new.prev_hash <> old.hash then
    raise exception 'ledger chain % may only advance by one entry linked to its head (from % to %)', old.chain, old.sequence, new.sequence
      using errcode = 'check_violation';
  end if;
  return new;
end $$;
create trigger ledger_chains_forward_only before update on trade.ledger_chains
  for each row execute function trade.chain_moves_forward();
create trigger ledger_chains_no_delete before delete or truncate on trade.ledger_chains
  for each statement execute function trade.refuse_ledger_change();

drop table trade.ledger_head;
drop function if exists trade.head_moves_forward();
drop function if exists trade.head_names_an_entry();

-- 3. Digests: append-only, one per interval, written by the digest writer (digest-writer.ts).
create table trade.ledger_digests (
  id         bigint primary key check (id > 0),
  created_at timestamptz not null,
  heads      jsonb not null,
  tree_root  char(64) not null,
  prev_hash  char(64) not null,
  hash       char(64) not null unique
);
create index ledger_digests_created_at on trade.ledger_digests (created_at);
create trigger ledger_digests_no_update_delete before update or delete on trade.ledger_digests
  for each row execute function trade.refuse_ledger_change();
create trigger ledger_digests_no_truncate before truncate on trade.ledger_digests
  for each statement execute function trade.refuse_ledger_change();

-- 4. Booking. domain/ledger.ts#chainOf is the same rule in Node.
create or replace function trade.chain_of(p_order_id uuid) returns integer
language sql immutable parallel safe as $$
  select (1 + ('x' || lpad(left(encode(sha256(convert_to(p_order_id::text, 'UTF8')), 'hex'), 8), 16, '0'))::bit(64)::bigint % ${LEDGER_CHAINS})::integer
$$;

-- Books one order in one statement: claims the key (a racing retry waits on it, then finds the
-- booking), takes a chain, advances its head (rule 2: the payload's SHA-256 is linked), inserts
-- the entry. The chain is the first free one of the order's home chain (chain_of) and the
-- ${CHAIN_CANDIDATES - 1} after it, tried with transaction advisory locks (memory only, no WAL), so
-- a booking waits only when all ${CHAIN_CANDIDATES} are busy, and then on its home chain. A NULL
-- payload only looks the key up (the order could not be priced). Each call holds one key and
-- then one chain, so bookings cannot deadlock.
-- SECURITY DEFINER: the API's role executes this and writes nothing directly.
create or replace function trade.book_order(
  p_client_id text, p_key text, p_request_hash text, p_order_id uuid, p_payload text
) returns table (outcome text, chain integer, seq bigint, entry_hash text, payload text, request_hash text)
language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
#variable_conflict use_column
declare
  v_home integer;
  v_chain integer;
  v_seq bigint;
  v_prev text;
  v_hash text;
begin
  if p_payload is not null then
    insert into trade.idempotency_keys (client_id, idempotency_key, request_hash, order_id)
      values (p_client_id, p_key, p_request_hash, p_order_id)
      on conflict do nothing;
    if found then
      v_home := trade.chain_of(p_order_id);
      for i in 0 .. ${CHAIN_CANDIDATES - 1} loop
        if pg_try_advisory_xact_lock(${CHAIN_LOCK_SPACE}, 1 + (v_home - 1 + i) % ${LEDGER_CHAINS}) then
          v_chain := 1 + (v_home - 1 + i) % ${LEDGER_CHAINS};
          exit;
        end if;
      end loop;
      if v_chain is null then
        v_chain := v_home;
        perform pg_advisory_xact_lock(${CHAIN_LOCK_SPACE}, v_chain);
      end if;
      update trade.ledger_chains c
        set sequence = c.sequence + 1, prev_hash = c.hash,
            hash = encode(sha256(convert_to((c.sequence + 1)::text || chr(10) || c.hash || chr(10)
                   || encode(sha256(convert_to(p_payload, 'UTF8')), 'hex'), 'UTF8')), 'hex')
        where c.chain = v_chain
        returning c.sequence, c.prev_hash, c.hash into v_seq, v_prev, v_hash;
      if v_seq is null then
        raise exception 'ledger chain % is missing; run migrations', v_chain;
      end if;
      insert into trade.ledger_entries (chain, sequence, order_id, client_id, prev_hash, hash, payload)
        values (v_chain, v_seq, p_order_id, p_client_id, v_prev, v_hash, p_payload);
      return query select 'booked'::text, v_chain, v_seq, v_hash, null::text, null::text;
      return;
    end if;
  end if;
  return query
    select 'existing'::text, e.chain, e.sequence, e.hash::text, e.payload, k.request_hash::text
    from trade.idempotency_keys k
    left join trade.ledger_entries e on e.order_id = k.order_id
    where k.client_id = p_client_id and k.idempotency_key = p_key;
end $$;
revoke all on function trade.book_order(text, text, text, uuid, text) from public;
grant execute on function trade.book_order(text, text, text, uuid, text) to trade_api_writer;

-- The previous release's batch call, kept (same signature) so its Lambdas keep booking while a
-- deploy rolls; a later migration drops it. Orders of one call may take several chain heads.
create or replace function trade.append_orders(
  p_client_ids text[], p_keys text[], p_request_hashes text[], p_order_ids uuid[], p_payloads text[]
) returns table (idx integer, outcome text, seq bigint, entry_hash text, payload text, request_hash text)
language plpgsql as $$
begin
  for i in 1 .. coalesce(array_length(p_keys, 1), 0) loop
    return query
      select i, b.outcome, b.seq, b.entry_hash, b.payload, b.request_hash
      from trade.book_order(p_client_ids[i], p_keys[i], p_request_hashes[i], p_order_ids[i], p_payloads[i]) b;
  end loop;
end $$;

-- 5. Privileges: the API writes only through trade.book_order.
revoke insert on trade.ledger_entries from trade_api_writer;
revoke insert on trade.idempotency_keys from trade_api_writer;
grant select on trade.ledger_chains, trade.ledger_digests to trade_api_writer, trade_ledger_reader;
do $$ begin
  if not exists (select from pg_roles where rolname = 'trade_digest_writer') then
    create role trade_digest_writer nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'trade_digest') then
    create role trade_digest login;
  end if;
  if exists (select from pg_roles where rolname = 'rds_iam') then
    grant rds_iam to trade_digest;
  end if;
end $$;
grant usage on schema trade to trade_digest_writer;
grant select on trade.ledger_chains, trade.ledger_digests to trade_digest_writer;
grant insert on trade.ledger_digests to trade_digest_writer;
grant trade_digest_writer to trade_digest;
`,
  },
  {
    id: "007_audit_outbox",
    sql: `
-- Transactional outbox (store/outbox.ts): the booking's audit event commits with the booking, so a
-- process that dies after the commit and before publishing loses nothing; the relay (app.ts) or
-- the sweeper (outbox-handler.ts) publishes it and marks it published. The audit table (DynamoDB)
-- is the record; a published row is only kept until the sweeper purges it.
create table trade.audit_outbox (
  event_id     uuid primary key,
  event        jsonb not null check (jsonb_typeof(event) = 'object' and event->>'event_id' = event_id::text),
  created_at   timestamptz not null default now(),
  published_at timestamptz
);
create index audit_outbox_pending on trade.audit_outbox (created_at) where published_at is null;

-- book_order plus its audit event: p_audit is the event without its ledger position, which this
-- adds to its data (ledgerChain, ledgerSequence, ledgerHash) once the entry is appended, and
-- stores in the outbox in the same transaction. One statement, as before; the event comes back
-- as audit_event so the relay publishes exactly what is stored. Nothing is stored for a replay,
-- a conflict or a lookup. The five-argument book_order stays for the previous release.
create function trade.book_order(
  p_client_id text, p_key text, p_request_hash text, p_order_id uuid, p_payload text, p_audit jsonb
) returns table (outcome text, chain integer, seq bigint, entry_hash text, payload text, request_hash text, audit_event jsonb)
language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
declare
  r record;
  v_event jsonb;
begin
  for r in select * from trade.book_order(p_client_id, p_key, p_request_hash, p_order_id, p_payload) loop
    v_event := null;
    if r.outcome = 'booked' and p_audit is not null then
      v_event := jsonb_set(p_audit, '{data}', coalesce(p_audit->'data', '{}'::jsonb)
                 || jsonb_build_object('ledgerChain', r.chain, 'ledgerSequence', r.seq, 'ledgerHash', r.entry_hash));
      insert into trade.audit_outbox (event_id, event) values ((v_event->>'event_id')::uuid, v_event);
    end if;
    return query select r.outcome, r.chain, r.seq, r.entry_hash, r.payload, r.request_hash, v_event;
  end loop;
end $$;
revoke all on function trade.book_order(text, text, text, uuid, text, jsonb) from public;
grant execute on function trade.book_order(text, text, text, uuid, text, jsonb) to trade_api_writer;

-- The relay marks what it published (and can change nothing else); the sweeper's login reads,
-- marks and purges the outbox and nothing else.
grant select (event_id, published_at), update (published_at) on trade.audit_outbox to trade_api_writer;
do $$ begin
  if not exists (select from pg_roles where rolname = 'trade_outbox_relay') then
    create role trade_outbox_relay nologin;
  end if;
  if not exists (select from pg_roles where rolname = 'trade_outbox') then
    create role trade_outbox login;
  end if;
  if exists (select from pg_roles where rolname = 'rds_iam') then
    grant rds_iam to trade_outbox;
  end if;
end $$;
grant usage on schema trade to trade_outbox_relay;
grant select, delete, update (published_at) on trade.audit_outbox to trade_outbox_relay;
grant trade_outbox_relay to trade_outbox;
`,
  },
  {
    id: "008_book_order_one_statement",
    sql: `
-- A booking cost the database more than twice the plain insert of its rows (bench-ledger-scale.ts),
-- mostly per-statement work: the six-argument book_order ran the five-argument one (a nested
-- plpgsql call, its result materialized), and between them six SQL statements, each with its own
-- executor start-up in every transaction. Now the six-argument function books on its own: the key
-- (a racing retry still waits on it, then finds the booking), the chain (the same advisory try-locks
-- of the home chain and the ${CHAIN_CANDIDATES - 1} after it), and then ONE statement that advances the head,
-- inserts the entry and stores the audit event, so the head row is taken last, just before the
-- commit. Same signatures, results and outcomes as 006/007, so Lambdas of the previous release keep
-- booking while a deploy rolls; the five-argument form is the six-argument one without an event.
--
-- The head's guard (006's chain_moves_forward) cost about as much again as all of that: a plpgsql
-- trigger function called for every head update. Its condition now sits in the trigger's WHEN
-- clause, which the executor evaluates as a plain expression; the function runs only when the
-- condition holds, i.e. only to refuse, with the same messages. What may change a head is as before.
drop trigger ledger_chains_forward_only on trade.ledger_chains;
create trigger ledger_chains_forward_only before update on trade.ledger_chains
  for each row
  when (old.chain = 0 or new.chain <> old.chain or new.sequence <> old.sequence + 1 or new.prev_hash <> old.hash)
  execute function trade.chain_moves_forward();

create or replace function trade.book_order(
  p_client_id text, p_key text, p_request_hash text, p_order_id uuid, p_payload text, p_audit jsonb
) returns table (outcome text, chain integer, seq bigint, entry_hash text, payload text, request_hash text, audit_event jsonb)
language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
#variable_conflict use_column
declare
  v_home integer;
  v_chain integer;
begin
  if p_payload is not null then
    insert into trade.idempotency_keys (client_id, idempotency_key, request_hash, order_id)
      values (p_client_id, p_key, p_request_hash, p_order_id)
      on conflict do nothing;
    if found then
      v_home := trade.chain_of(p_order_id);
      for i in 0 .. ${CHAIN_CANDIDATES - 1} loop
        v_chain := 1 + (v_home - 1 + i) % ${LEDGER_CHAINS};
        exit when pg_try_advisory_xact_lock(${CHAIN_LOCK_SPACE}, v_chain);
        v_chain := null;
      end loop;
      if v_chain is null then
        v_chain := v_home;
        perform pg_advisory_xact_lock(${CHAIN_LOCK_SPACE}, v_chain);
      end if;
      -- Rule 2 (006): the head links sha256(sequence || newline || prev_hash || newline || sha256(payload)).
      with head as (
        update trade.ledger_chains c
          set sequence = c.sequence + 1, prev_hash = c.hash,
              hash = encode(sha256(convert_to((c.sequence + 1)::text || chr(10) || c.hash || chr(10)
                     || encode(sha256(convert_to(p_payload, 'UTF8')), 'hex'), 'UTF8')), 'hex')
          where c.chain = v_chain
          returning c.chain, c.sequence, c.prev_hash, c.hash
      ), entry as (
        insert into trade.ledger_entries (chain, sequence, order_id, client_id, prev_hash, hash, payload)
          select h.chain, h.sequence, p_order_id, p_client_id, h.prev_hash, h.hash, p_payload from head h
      ), event as (
        insert into trade.audit_outbox (event_id, event)
          select (x.ev->>'event_id')::uuid, x.ev
          from head h,
               lateral (select jsonb_set(p_audit, '{data}', coalesce(p_audit->'data', '{}'::jsonb)
                 || jsonb_build_object('ledgerChain', h.chain, 'ledgerSequence', h.sequence, 'ledgerHash', h.hash)) as ev) x
          where p_audit is not null
          returning event
      )
      select 'booked', h.chain, h.sequence, h.hash::text, null::text, null::text, (select e.event from event e)
        into outcome, chain, seq, entry_hash, payload, request_hash, audit_event
        from head h;
      if seq is null then
        raise exception 'ledger chain % is missing; run migrations', v_chain;
      end if;
      return next;
      return;
    end if;
  end if;
  return query
    select 'existing'::text, e.chain, e.sequence, e.hash::text, e.payload, k.request_hash::text, null::jsonb
    from trade.idempotency_keys k
    left join trade.ledger_entries e on e.order_id = k.order_id
    where k.client_id = p_client_id and k.idempotency_key = p_key;
end $$;

create or replace function trade.book_order(
  p_client_id text, p_key text, p_request_hash text, p_order_id uuid, p_payload text
) returns table (outcome text, chain integer, seq bigint, entry_hash text, payload text, request_hash text)
language plpgsql security definer set search_path = pg_catalog, pg_temp as $$
begin
  return query
    select b.outcome, b.chain, b.seq, b.entry_hash, b.payload, b.request_hash
    from trade.book_order(p_client_id, p_key, p_request_hash, p_order_id, p_payload, null::jsonb) b;
end $$;
`,
  },
  {
    id: "009_chain_of_inlined",
    sql: `
-- trade.chain_of (006) is declared immutable but its body called convert_to, which is only stable,
-- so the planner never inlined it: every booking ran it as a SQL function, parsing, planning and
-- executing its SELECT anew (about an eighth of a booking's database CPU). decode(text, 'escape') is
-- immutable and gives the same bytes for a UUID's text (ASCII hex digits and dashes, no backslash),
-- so the chain of every order id is unchanged (domain/ledger.ts#chainOf is still the same rule) and
-- book_order's call of it now compiles into its expression.
create or replace function trade.chain_of(p_order_id uuid) returns integer
language sql immutable parallel safe as $$
  select (1 + ('x' || lpad(left(encode(sha256(decode(p_order_id::text, 'escape')), 'hex'), 8), 16, '0'))::bit(64)::bigint % ${LEDGER_CHAINS})::integer
$$;
`,
  },
];

/** The database user the trade API logs in as (migration 005); its IAM policy names it too. */
export { TRADE_API_DB_USER, TRADE_DIGEST_DB_USER, TRADE_OUTBOX_DB_USER };

/**
 * One hash of every migration (ids and SQL), in order. The deploy passes it to the migration
 * function, which refuses to run when its bundle holds different migrations (a stale build).
 */
export function migrationsFingerprint(migrations: readonly Migration[] = MIGRATIONS): string {
  return checksum(migrations.map((m) => `${m.id}\n${checksum(m.sql)}\n`).join(""));
}

/**
 * Applies pending migrations in order, each in its own transaction (services/shared/migrate.ts,
 * recorded in trade_meta.schema_migrations). Returns the ids applied.
 */
export async function migrate(pool: Pool, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  const client = await pool.connect();
  try {
    return [...(await applyMigrations(client, migrations, { schema: "trade_meta" })).applied];
  } finally {
    client.release();
  }
}
