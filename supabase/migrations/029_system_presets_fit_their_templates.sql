-- Built-in presets apply cleanly to every template they list. Templates name the same idea with
-- different options (a framework is "Next.js" in one and "Next.js route handlers" in another), so
-- a preset value may be scoped to one template as `<templateId>.<variable>`, over the general one.
-- The API service preset no longer lists init-project-structure, whose frameworks have no plain
-- API server to choose.

update public.template_presets
set variables = variables || '{"init-env-config.framework": "Next.js",
                               "auth-rbac-middleware.framework": "Next.js route handlers",
                               "api-route-structure.framework": "Next.js route handlers"}'::jsonb
where is_system and name = 'Next.js + Supabase SaaS';

update public.template_presets
set template_ids = array_remove(template_ids, 'init-project-structure')
where is_system and name = 'API service (Node + Postgres)';

update public.template_presets
set variables = variables || '{"security-headers.framework": "Next.js"}'::jsonb
where is_system and name = 'Static marketing site';
