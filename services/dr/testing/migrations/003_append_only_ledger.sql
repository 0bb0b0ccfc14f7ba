-- Like trade.ledger_entries: the database itself refuses UPDATE, DELETE and TRUNCATE.
create function public.refuse_ledger_change() returns trigger language plpgsql as $$
begin
  raise exception 'ledger_entries is append-only: % refused', tg_op;
end $$;
create trigger ledger_entries_no_update_delete before update or delete on public.ledger_entries
  for each row execute function public.refuse_ledger_change();
create trigger ledger_entries_no_truncate before truncate on public.ledger_entries
  for each statement execute function public.refuse_ledger_change();
