-- Subscription state lives on the profile. Only the server (billing webhooks, service role)
-- may change it: signed-in users can update only the columns they own.

alter table public.user_profiles
  add column subscription_tier text not null default 'free'
    check (subscription_tier in ('free', 'pro', 'enterprise')),
  add column subscription_status text not null default 'free'
    check (subscription_status in ('free', 'active', 'trialing', 'past_due', 'canceled', 'inactive')),
  add column current_period_end timestamptz,
  add column stripe_customer_id text unique;

alter table public.agent_runs
  add column input_mode text not null default 'text' check (input_mode in ('text', 'voice'));

revoke insert, update on public.user_profiles from anon, authenticated;
grant update (
  display_name, role, vertical, stack, tone, risk_tolerance, kpi_focus, brand_voice,
  company_context, preferred_models, timezone, onboarding_step, onboarding_completed_at
) on public.user_profiles to authenticated;
