-- Bounds the database enforces whatever the application does.

alter table public.user_profiles
  add constraint user_profiles_display_name_len check (char_length(display_name) <= 100),
  add constraint user_profiles_tone_len check (char_length(tone) <= 50),
  add constraint user_profiles_brand_voice_len check (char_length(brand_voice) <= 500),
  add constraint user_profiles_company_context_len check (char_length(company_context) <= 2000),
  add constraint user_profiles_timezone_len check (char_length(timezone) <= 64),
  add constraint user_profiles_kpi_focus_len check (cardinality(kpi_focus) <= 10),
  add constraint user_profiles_preferred_models_len check (cardinality(preferred_models) <= 10),
  add constraint user_profiles_stack_is_object check (jsonb_typeof(stack) = 'object'),
  add constraint user_profiles_onboarding_step check (
    onboarding_step in ('role', 'vertical', 'stack', 'vibe', 'voice', 'done')
  );

alter table public.prompt_atoms
  add constraint prompt_atoms_name_len check (char_length(name) between 1 and 100),
  add constraint prompt_atoms_version_positive check (version >= 1),
  add constraint prompt_atoms_system_prompt_len check (char_length(system_prompt) between 1 and 4000),
  add constraint prompt_atoms_description_len check (char_length(description) <= 1000),
  add constraint prompt_atoms_weight_range check (weight between 0 and 1),
  add constraint prompt_atoms_success_rate_range check (success_rate between 0 and 1),
  add constraint prompt_atoms_counts check (usage_count >= 0 and success_count between 0 and usage_count),
  add constraint prompt_atoms_slider_range check (
    (slider is null and slider_min is null and slider_max is null)
    -- Explicit not-nulls: a check whose result is NULL passes, so `between` alone would let a
    -- slider atom without a range through.
    or (
      slider is not null and slider_min is not null and slider_max is not null
      and slider_min between 0 and 100 and slider_max between slider_min and 100
    )
  );

alter table public.vibe_configs
  add constraint vibe_configs_playfulness_range check (playfulness between 0 and 100),
  add constraint vibe_configs_revenue_focus_range check (revenue_focus between 0 and 100),
  add constraint vibe_configs_investor_perspective_range check (investor_perspective between 0 and 100),
  add constraint vibe_configs_name_len check (char_length(name) between 1 and 80),
  add constraint vibe_configs_custom_instructions_len check (char_length(custom_instructions) <= 2000),
  add constraint vibe_configs_selected_atoms_len check (cardinality(selected_atoms) <= 50);

alter table public.agent_runs
  add constraint agent_runs_task_len check (char_length(task) between 1 and 20000),
  add constraint agent_runs_tokens_nonnegative check (
    input_tokens >= 0 and cached_input_tokens >= 0 and output_tokens >= 0
  ),
  add constraint agent_runs_cost_nonnegative check (cost_usd >= 0),
  add constraint agent_runs_feedback_detail_len check (char_length(feedback_detail) <= 2000);

alter table public.background_events
  add constraint background_events_attempts_nonnegative check (attempts >= 0),
  add constraint background_events_delivery_id_len check (char_length(delivery_id) between 1 and 200);
