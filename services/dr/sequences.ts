/**
 * Sequence reset for promotion. Logical replication copies rows but not sequence positions, so
 * on the standby every serial/identity sequence still sits near its start while the tables hold
 * the primary's ids. Before the standby takes writes, each sequence that is behind its data is
 * moved to max(column) + margin. The margin leaves room for ids the old primary handed out in
 * the unreplicated window, so those rows can be reconciled later without key collisions: size
 * it above peak inserts per table in one RPO window.
 *
 * A sequence already ahead of its data is left alone, which makes the reset idempotent.
 */
import type { ClientBase } from "pg";
import { DrError } from "./errors";
import type { Runner } from "./runner";
import { ident, literal, qualified } from "./sql";

export interface SequenceUse {
  readonly sequence: { readonly schema: string; readonly name: string };
  /** Integer columns fed by this sequence: owned (serial/identity) or named in a DEFAULT. */
  readonly columns: ReadonlyArray<{ readonly schema: string; readonly table: string; readonly column: string }>;
}

export interface SequenceReset {
  readonly sequence: string;
  /** Highest value in the columns the sequence feeds ("0" for empty tables). */
  readonly maxInData: string;
  /** The value nextval() would return before the reset. */
  readonly nextBefore: string;
  /** The value nextval() returns after the reset; equal to nextBefore when already ahead. */
  readonly nextAfter: string;
  readonly changed: boolean;
}

/** Every sequence that feeds an integer column of a user table. */
export async function sequenceUses(db: ClientBase): Promise<SequenceUse[]> {
  const { rows } = await db.query(`
    with uses as (
      select d.objid as seq, d.refobjid as tbl, d.refobjsubid as attnum
        from pg_depend d
       where d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
         and d.deptype in ('a', 'i') and d.refobjsubid > 0
      union
      select d.refobjid, ad.adrelid, ad.adnum
        from pg_attrdef ad
        join pg_depend d on d.classid = 'pg_attrdef'::regclass and d.objid = ad.oid and d.refclassid = 'pg_class'::regclass
    )
    select sn.nspname as seq_schema, s.relname as seq_name, tn.nspname as schema, t.relname as table, a.attname as column
      from uses u
      join pg_class s on s.oid = u.seq and s.relkind = 'S'
      join pg_namespace sn on sn.oid = s.relnamespace
      join pg_class t on t.oid = u.tbl and t.relkind in ('r', 'p')
      join pg_namespace tn on tn.oid = t.relnamespace
      join pg_attribute a on a.attrelid = t.oid and a.attnum = u.attnum
     where tn.nspname not in ('pg_catalog', 'information_schema') and tn.nspname not like 'pg\\_%'
       and a.atttypid in ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
     order by 1, 2, 3, 4, 5`);
  const bySeq = new Map<
    string,
    { sequence: SequenceUse["sequence"]; columns: Array<SequenceUse["columns"][number]> }
  >();
  for (const r of rows as Array<{
    seq_schema: string;
    seq_name: string;
    schema: string;
    table: string;
    column: string;
  }>) {
    const key = `${r.seq_schema}.${r.seq_name}`;
    const entry = bySeq.get(key) ?? { sequence: { schema: r.seq_schema, name: r.seq_name }, columns: [] };
    entry.columns.push({ schema: r.schema, table: r.table, column: r.column });
    bySeq.set(key, entry);
  }
  return [...bySeq.values()];
}

/** The reset target: pure, so the arithmetic is tested without a server. */
export function resetTarget(
  maxInData: bigint,
  nextBefore: bigint,
  margin: bigint,
  maxValue: bigint,
  name = "sequence",
): bigint | undefined {
  if (nextBefore > maxInData) return undefined;
  const target = maxInData + margin;
  if (target > maxValue) {
    throw new DrError(`cannot reset ${name}`, [
      `max(id) ${maxInData} + margin ${margin} exceeds the sequence maximum ${maxValue}; use a smaller --sequence-margin`,
    ]);
  }
  return target;
}

export interface SequenceState {
  readonly sequence: string;
  readonly quoted: string;
  readonly maxInData: bigint;
  /** The value nextval() would return now. */
  readonly next: bigint;
  readonly increment: bigint;
  readonly maxValue: bigint;
}

/** Where each sequence stands relative to the data it feeds (read-only). */
export async function sequenceStates(db: ClientBase): Promise<SequenceState[]> {
  const states: SequenceState[] = [];
  for (const use of await sequenceUses(db)) {
    const seq = qualified(use.sequence.schema, use.sequence.name);
    const maxes = use.columns.map((c) => `(select max(${ident(c.column)}) from ${qualified(c.schema, c.table)})`);
    const { rows } = await db.query(
      `select coalesce(greatest(${maxes.join(", ")}), 0)::text as max_in_data,
              (case when s.is_called then s.last_value + p.seqincrement else s.last_value end)::text as next,
              p.seqincrement::text as increment, p.seqmax::text as max_value
         from ${seq} s, pg_sequence p where p.seqrelid = ${literal(seq)}::regclass`,
    );
    const row = rows[0] as { max_in_data: string; next: string; increment: string; max_value: string };
    states.push({
      sequence: `${use.sequence.schema}.${use.sequence.name}`,
      quoted: seq,
      maxInData: BigInt(row.max_in_data),
      next: BigInt(row.next),
      increment: BigInt(row.increment),
      maxValue: BigInt(row.max_value),
    });
  }
  return states;
}

export async function resetSequences(db: ClientBase, runner: Runner, margin: bigint): Promise<SequenceReset[]> {
  const results: SequenceReset[] = [];
  for (const state of await sequenceStates(db)) {
    if (state.increment < 0n) {
      runner.note(`skipped descending sequence ${state.sequence}: reset it by hand`);
      continue;
    }
    const target = resetTarget(state.maxInData, state.next, margin, state.maxValue, state.sequence);
    if (target !== undefined) {
      // is_called = false: the next nextval() returns exactly the target.
      await runner.apply(
        db,
        "standby",
        `move sequence ${state.sequence} to ${target} (max in data ${state.maxInData})`,
        `select setval(${literal(state.quoted)}::regclass, ${target}, false)`,
      );
    }
    results.push({
      sequence: state.sequence,
      maxInData: state.maxInData.toString(),
      nextBefore: state.next.toString(),
      nextAfter: (target ?? state.next).toString(),
      changed: target !== undefined,
    });
  }
  return results;
}
