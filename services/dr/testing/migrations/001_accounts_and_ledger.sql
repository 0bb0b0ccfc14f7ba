-- Test fixture shaped like the trade ledger: identity, serial and a shared DEFAULT nextval sequence.
create table public.accounts (
  id serial primary key,
  code text not null unique
);

create table public.ledger_entries (
  id bigint generated always as identity primary key,
  account_id integer not null references public.accounts (id),
  amount_minor bigint not null,
  currency char(3) not null,
  prev_hash text,
  hash text not null
);
