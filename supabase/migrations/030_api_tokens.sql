-- Personal access tokens and the browser extension's access tokens.
--
-- A token is `vc_` followed by 40 random base62 characters. Only its SHA-256 (hex) is stored,
-- with a short visible prefix (`vc_` and the first 6 characters) so a user can tell tokens apart
-- in a list. The secret is shown once, when it is made.
--
-- A request with `Authorization: Bearer vc_…` is resolved by public.resolve_api_token, which the
-- anon role may call: the secret is the gate, and the function answers only for a token that is
-- live (not revoked, not expired). The request then runs as the token's owner under RLS, with
-- the token's scopes checked by the route wrapper.

create table public.api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 100),
  -- personal: made on the settings page; extension: issued by the extension sign-in (its
  -- refresh tokens rotate within a family, see the extension migration).
  kind text not null default 'personal' check (kind in ('personal', 'extension')),
  prefix text not null check (prefix ~ '^vc_[A-Za-z0-9]{6}$'),
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  scopes text[] not null check (
    cardinality(scopes) between 1 and 4
    and scopes <@ array['runs:write', 'runs:read', 'profile:read', 'templates:read']::text[]
  ),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  family_id uuid,
  created_at timestamptz not null default now(),
  check (expires_at is null or expires_at > created_at),
  check (kind = 'personal' or family_id is not null)
);

create index api_tokens_user_id_idx on public.api_tokens (user_id, created_at desc);
create index api_tokens_family_id_idx on public.api_tokens (family_id) where family_id is not null;

alter table public.api_tokens enable row level security;

revoke all on public.api_tokens from anon, authenticated;
-- The hash never leaves the database through a user's session: it is not among the columns
-- a user may read.
grant select (id, user_id, name, kind, prefix, scopes, expires_at, last_used_at, revoked_at, family_id, created_at)
  on public.api_tokens to authenticated;
grant insert (user_id, name, prefix, token_hash, scopes, expires_at) on public.api_tokens to authenticated;
grant update (revoked_at) on public.api_tokens to authenticated;
grant all on public.api_tokens to service_role;

create policy "API tokens: owners read theirs" on public.api_tokens
  for select to authenticated using (user_id = (select auth.uid()));
-- Users make personal tokens only; extension tokens are issued by the server.
create policy "API tokens: owners create personal tokens" on public.api_tokens
  for insert to authenticated with check (user_id = (select auth.uid()) and kind = 'personal' and family_id is null);
create policy "API tokens: owners revoke theirs" on public.api_tokens
  for update to authenticated using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));

-- Who a live token belongs to, and what it may do. Marks the token used (at most once a minute,
-- so a busy script does not write a row per request).
create function public.resolve_api_token(p_token_hash text)
  returns table (token_id uuid, user_id uuid, scopes text[], kind text, email text)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
begin
  return query
  with live as (
    select t.id, t.user_id, t.scopes, t.kind, t.last_used_at
    from public.api_tokens t
    where t.token_hash = p_token_hash
      and t.revoked_at is null
      and (t.expires_at is null or t.expires_at > now())
  ), touched as (
    update public.api_tokens t set last_used_at = now()
    from live
    where t.id = live.id and (live.last_used_at is null or live.last_used_at < now() - interval '1 minute')
    returning t.id
  )
  select live.id, live.user_id, live.scopes, live.kind, u.email::text
  from live join auth.users u on u.id = live.user_id;
end;
$$;

revoke all on function public.resolve_api_token(text) from public;
grant execute on function public.resolve_api_token(text) to anon, authenticated, service_role;
