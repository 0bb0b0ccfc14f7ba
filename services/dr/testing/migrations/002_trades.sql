create sequence public.trade_ref_seq;

create table public.trades (
  ref bigint primary key default nextval('public.trade_ref_seq'),
  pair text not null
);
