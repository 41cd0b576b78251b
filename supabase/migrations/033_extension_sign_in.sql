-- The browser extension's sign-in: a one-time code bound to a PKCE challenge, exchanged for an
-- access token (an api_tokens row of kind 'extension') and a refresh token that rotates.
--
-- 1. The signed-in user approves on /extension/connect; private.create_extension_auth_code stores
--    the hash of a one-time code with the extension's S256 challenge (5 minutes).
-- 2. The extension presents the code and its verifier; public.exchange_extension_code consumes the
--    code (once, whatever the outcome) and, when the challenge matches, issues a new token family:
--    an access token (1 hour) and a refresh token (30 days).
-- 3. public.rotate_extension_refresh spends a refresh token for a new pair in the same family. A
--    refresh token presented a second time means two parties hold it (one of them stole it), so the
--    whole family is revoked: every refresh token and every access token of it, at once.
-- 4. public.revoke_extension_family is the extension's Disconnect: the same revocation, asked for.
--
-- Only SHA-256 hashes of the code and of the tokens are stored. The secrets are long and random,
-- so the anon role may call the exchange and the rotation: possession of the secret is the gate,
-- as for public.resolve_api_token. Rows are written only by these functions; an owner may read
-- their own rows (the account export lists them), never write them.

create table public.extension_auth_codes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  code_hash text not null unique check (code_hash ~ '^[0-9a-f]{64}$'),
  -- base64url(SHA-256(verifier)) without padding: 43 characters.
  code_challenge text not null check (code_challenge ~ '^[A-Za-z0-9_-]{43}$'),
  expires_at timestamptz not null default now() + interval '5 minutes',
  used_at timestamptz,
  -- The family the code was exchanged for: presenting the code again revokes it.
  family_id uuid,
  created_at timestamptz not null default now(),
  check (expires_at > created_at)
);

create index extension_auth_codes_user_id_idx on public.extension_auth_codes (user_id, created_at desc);

create table public.extension_refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  used_at timestamptz,
  revoked_at timestamptz,
  expires_at timestamptz not null default now() + interval '30 days',
  created_at timestamptz not null default now(),
  check (expires_at > created_at)
);

create index extension_refresh_tokens_family_id_idx on public.extension_refresh_tokens (family_id);
create index extension_refresh_tokens_user_id_idx on public.extension_refresh_tokens (user_id, created_at desc);

alter table public.extension_auth_codes enable row level security;
alter table public.extension_refresh_tokens enable row level security;

revoke all on public.extension_auth_codes from anon, authenticated;
revoke all on public.extension_refresh_tokens from anon, authenticated;
-- The owner reads their rows (the account export lists them) but not the hashes, as for api_tokens.
grant select (id, user_id, code_challenge, expires_at, used_at, family_id, created_at) on public.extension_auth_codes to authenticated;
grant select (id, family_id, user_id, used_at, revoked_at, expires_at, created_at) on public.extension_refresh_tokens to authenticated;
grant all on public.extension_auth_codes to service_role;
grant all on public.extension_refresh_tokens to service_role;

create policy "Extension codes: owners read theirs" on public.extension_auth_codes
  for select to authenticated using (user_id = (select auth.uid()));
create policy "Extension refresh tokens: owners read theirs" on public.extension_refresh_tokens
  for select to authenticated using (user_id = (select auth.uid()));

-- A one-time code for the signed-in user, bound to the extension's challenge.
create function private.create_extension_auth_code(p_code_hash text, p_challenge text)
  returns timestamptz
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_user uuid := auth.uid();
  v_expires timestamptz;
begin
  if v_user is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  insert into public.extension_auth_codes (user_id, code_hash, code_challenge)
  values (v_user, p_code_hash, p_challenge)
  returning expires_at into v_expires;
  return v_expires;
end;
$$;

-- Issues a new access token in a family, revoking the family's earlier access tokens: the
-- extension holds one live access token at a time.
create function private.issue_extension_access_token(p_user uuid, p_family uuid, p_access_hash text, p_access_prefix text)
  returns timestamptz
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_expires timestamptz := now() + interval '1 hour';
begin
  update public.api_tokens set revoked_at = now()
  where family_id = p_family and kind = 'extension' and revoked_at is null;
  insert into public.api_tokens (user_id, name, kind, family_id, prefix, token_hash, scopes, expires_at)
  values (p_user, 'Browser extension', 'extension', p_family, p_access_prefix, p_access_hash,
          array['runs:write', 'runs:read', 'profile:read'], v_expires);
  return v_expires;
end;
$$;

-- Consumes the code and, when it is live and the challenge matches, issues a new family. The code
-- is spent even when the verifier is wrong: whoever presents a wrong verifier has intercepted the
-- code, and the extension that asked for it simply connects again. A code presented after it was
-- exchanged revokes what it was exchanged for (RFC 6749, 4.1.2): one of the two holders is not
-- the extension.
create function public.exchange_extension_code(
  p_code_hash text, p_challenge text, p_access_hash text, p_access_prefix text, p_refresh_hash text
)
  returns table (user_id uuid, email text, family_id uuid, access_expires_at timestamptz, refresh_expires_at timestamptz)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_code public.extension_auth_codes%rowtype;
  v_family uuid := gen_random_uuid();
  v_access_expires timestamptz;
  v_refresh_expires timestamptz;
begin
  update public.extension_auth_codes c set used_at = now()
  where c.code_hash = p_code_hash and c.used_at is null
  returning c.* into v_code;
  if v_code.id is null then
    update public.extension_refresh_tokens t set revoked_at = now()
    from public.extension_auth_codes c
    where c.code_hash = p_code_hash and t.family_id = c.family_id and t.revoked_at is null;
    update public.api_tokens a set revoked_at = now()
    from public.extension_auth_codes c
    where c.code_hash = p_code_hash and a.family_id = c.family_id and a.kind = 'extension' and a.revoked_at is null;
    return;
  end if;
  if v_code.expires_at <= now() or v_code.code_challenge <> p_challenge then
    return;
  end if;
  update public.extension_auth_codes c set family_id = v_family where c.id = v_code.id;
  v_access_expires := private.issue_extension_access_token(v_code.user_id, v_family, p_access_hash, p_access_prefix);
  insert into public.extension_refresh_tokens (family_id, user_id, token_hash)
  values (v_family, v_code.user_id, p_refresh_hash)
  returning expires_at into v_refresh_expires;
  return query select v_code.user_id, u.email::text, v_family, v_access_expires, v_refresh_expires
    from auth.users u where u.id = v_code.user_id;
end;
$$;

-- Spends a live refresh token for a new pair in its family. A refresh token that was already
-- spent revokes the family (the answer is then empty, like that of an unknown token).
create function public.rotate_extension_refresh(p_refresh_hash text, p_access_hash text, p_access_prefix text, p_new_refresh_hash text)
  returns table (user_id uuid, email text, family_id uuid, access_expires_at timestamptz, refresh_expires_at timestamptz)
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_token public.extension_refresh_tokens%rowtype;
  v_access_expires timestamptz;
  v_refresh_expires timestamptz;
begin
  -- The row lock orders two rotations of the same token: the second sees used_at set.
  select * into v_token from public.extension_refresh_tokens t where t.token_hash = p_refresh_hash for update;
  if v_token.id is null or v_token.revoked_at is not null or v_token.expires_at <= now() then
    return;
  end if;
  if v_token.used_at is not null then
    update public.extension_refresh_tokens t set revoked_at = now()
    where t.family_id = v_token.family_id and t.revoked_at is null;
    update public.api_tokens a set revoked_at = now()
    where a.family_id = v_token.family_id and a.kind = 'extension' and a.revoked_at is null;
    return;
  end if;
  update public.extension_refresh_tokens t set used_at = now() where t.id = v_token.id;
  v_access_expires := private.issue_extension_access_token(v_token.user_id, v_token.family_id, p_access_hash, p_access_prefix);
  insert into public.extension_refresh_tokens (family_id, user_id, token_hash)
  values (v_token.family_id, v_token.user_id, p_new_refresh_hash)
  returning expires_at into v_refresh_expires;
  return query select v_token.user_id, u.email::text, v_token.family_id, v_access_expires, v_refresh_expires
    from auth.users u where u.id = v_token.user_id;
end;
$$;

revoke all on function private.create_extension_auth_code(text, text) from public;
revoke all on function private.issue_extension_access_token(uuid, uuid, text, text) from public;
revoke all on function public.exchange_extension_code(text, text, text, text, text) from public;
revoke all on function public.rotate_extension_refresh(text, text, text, text) from public;
grant execute on function private.create_extension_auth_code(text, text) to authenticated, service_role;
grant execute on function private.issue_extension_access_token(uuid, uuid, text, text) to service_role;
grant execute on function public.exchange_extension_code(text, text, text, text, text) to anon, authenticated, service_role;
grant execute on function public.rotate_extension_refresh(text, text, text, text) to anon, authenticated, service_role;

-- Disconnect: the extension hands in its refresh token, and its whole family (refresh and access
-- tokens) is revoked. Answers whether the token was known; an unknown one changes nothing.
create function public.revoke_extension_family(p_refresh_hash text)
  returns boolean
  language plpgsql volatile
  security definer
  set search_path = ''
as $$
declare
  v_family uuid;
begin
  select t.family_id into v_family from public.extension_refresh_tokens t where t.token_hash = p_refresh_hash;
  if v_family is null then
    return false;
  end if;
  update public.extension_refresh_tokens t set revoked_at = now() where t.family_id = v_family and t.revoked_at is null;
  update public.api_tokens a set revoked_at = now() where a.family_id = v_family and a.kind = 'extension' and a.revoked_at is null;
  return true;
end;
$$;

revoke all on function public.revoke_extension_family(text) from public;
grant execute on function public.revoke_extension_family(text) to anon, authenticated, service_role;
