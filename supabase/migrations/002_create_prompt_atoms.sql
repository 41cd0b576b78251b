-- The library of prompt atoms that assembly blends into a personalised prompt. A slider atom
-- covers an inclusive range of one vibe slider; keyword atoms are chosen by words in the task.

create table public.prompt_atoms (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  version integer not null default 1,
  category text not null check (
    category in ('tone', 'stack', 'perspective', 'phase', 'domain', 'constraint', 'example', 'goal', 'risk', 'channel')
  ),
  description text not null default '',
  system_prompt text not null,
  constraints text[] not null default '{}',
  examples jsonb not null default '[]'::jsonb,
  weight numeric(4, 3) not null default 0.5,
  compatible_atoms text[] not null default '{}',
  target_roles text[] not null default '{}',
  target_verticals text[] not null default '{}',
  keywords text[] not null default '{}',
  slider text check (slider in ('playfulness', 'revenue_focus', 'investor_perspective')),
  slider_min smallint,
  slider_max smallint,
  usage_count integer not null default 0,
  success_count integer not null default 0,
  success_rate numeric(5, 4) not null default 0,
  is_active boolean not null default true,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (name, version)
);

create trigger prompt_atoms_set_updated_at
  before update on public.prompt_atoms
  for each row execute function private.set_updated_at();
