-- Gives a plain PostgreSQL (or PGlite) the parts of Supabase that our migrations rely on:
-- the API roles, the auth schema with auth.users and the auth.uid()/auth.jwt()/auth.role()
-- helpers, and the same default grants. Every statement is guarded, so on a real Supabase
-- project (where all of this already exists) the script changes nothing.
--
-- This file is deliberately outside supabase/migrations: Supabase must never run it.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

create schema if not exists auth;
create schema if not exists extensions;

do $$
begin
  if to_regclass('auth.users') is null then
    -- The subset of Supabase's auth.users that the app and the embedded auth server use.
    create table auth.users (
      instance_id uuid,
      id uuid primary key,
      aud varchar(255) default 'authenticated',
      role varchar(255) default 'authenticated',
      email varchar(255),
      encrypted_password varchar(255),
      email_confirmed_at timestamptz,
      last_sign_in_at timestamptz,
      raw_app_meta_data jsonb not null default '{}'::jsonb,
      raw_user_meta_data jsonb not null default '{}'::jsonb,
      is_anonymous boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_email_key on auth.users (lower(email));
  end if;

  if to_regclass('auth.sessions') is null then
    create table auth.sessions (
      id uuid primary key,
      user_id uuid not null references auth.users (id) on delete cascade,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      not_after timestamptz
    );
    create index sessions_user_id_idx on auth.sessions (user_id);
  end if;

  if to_regclass('auth.refresh_tokens') is null then
    create table auth.refresh_tokens (
      id bigserial primary key,
      token varchar(255) not null unique,
      user_id varchar(255) not null,
      session_id uuid references auth.sessions (id) on delete cascade,
      parent varchar(255),
      revoked boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index refresh_tokens_session_id_idx on auth.refresh_tokens (session_id);
  end if;
end
$$;

-- Same definitions as Supabase: the claims come from the request.jwt.claims setting, which the
-- server sets per transaction after verifying the caller's token.
do $$
begin
  if to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb
      language sql stable
      set search_path = ''
    as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim', true), ''),
        nullif(current_setting('request.jwt.claims', true), '')
      )::jsonb
    $f$;
  end if;
  if to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid
      language sql stable
      set search_path = ''
    as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.sub', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
      )::uuid
    $f$;
  end if;
  if to_regprocedure('auth.role()') is null then
    create function auth.role() returns text
      language sql stable
      set search_path = ''
    as $f$
      select coalesce(
        nullif(current_setting('request.jwt.claim.role', true), ''),
        (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $f$;
  end if;
end
$$;

grant usage on schema auth to anon, authenticated, service_role;
grant execute on function auth.uid(), auth.jwt(), auth.role() to anon, authenticated, service_role;

grant usage on schema public to anon, authenticated, service_role;
grant usage on schema extensions to anon, authenticated, service_role;
-- Supabase's starting defaults, set once: migrations narrow them afterwards (016), and running this
-- script again before a later `migrate` must not widen them back.
do $$
begin
  if not exists (
    select 1 from pg_default_acl d
    where d.defaclnamespace = 'public'::regnamespace and d.defaclrole = current_user::regrole
  ) then
    alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
    alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
    alter default privileges in schema public grant execute on functions to anon, authenticated, service_role;
  end if;
end
$$;

-- The connecting role switches into these roles per transaction (Supabase's authenticator does the same).
do $$
begin
  execute format('grant anon, authenticated, service_role to %I', current_user);
exception
  when others then null;
end
$$;
