-- Generated from templates/catalog by `npm run templates:seed`: edit a template's file (and bump its
-- version), then run it. One row per template version; an existing (template_id, version) is left
-- alone, so a changed file reaches template_versions as a new version, never by rewriting one.
-- Plain SQL only: it runs through `npm run migrate -- --seed` and through `supabase db reset`.

insert into public.template_versions (template_id, version, mega_prompt, variables, changelog)
values
  ('api-rate-limiting', '1.0.0',
   'You are a senior backend engineer adding rate limiting to a production API built with {{framework}}. The goal is that no single client — a buggy script, a scraper or an attacker — can exhaust the service, degrade it for everyone else, or run up the bill of a paid dependency, while honest users never notice the limiter at all.

Design the limiter as one small module that every route goes through, not as checks sprinkled through handlers. Decide the key of each budget before anything else: a signed-in caller is limited by their user id (never by IP, which many users can share behind a NAT), a signed-out caller by client IP read from the header your platform''s edge sets, and sign-in attempts by the pair of IP and submitted email so that credential stuffing is slowed without locking out a real user from another network. Keep every number in one policies file so a reviewer sees all budgets at once.

Use the {{algorithm}} algorithm. Counters live in {{store}} in production, because serverless functions and multiple instances share nothing in memory; in local development and tests, provide an in-process implementation with exactly the same interface and semantics, so the code path that is tested is the one that runs. Budgets:
- signed-in users: {{userRequestsPerMinute}} requests per minute across ordinary routes;
- anonymous callers: {{anonymousRequestsPerMinute}} requests per minute per IP;
- a separate, stricter budget for each of these expensive routes: {{expensiveRoutes}}. Explain the number you choose for each from what one call costs.

Every refusal answers HTTP 429 in the API''s usual error envelope, with a message a person can act on ("Too many requests: try again in 12 seconds"), a `Retry-After` header in seconds and the `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` headers. Successful responses carry the same `RateLimit-*` headers so well-behaved clients can pace themselves. Never put the key (a user id, an email or an IP) in the response.

{{#failOpen}}If the store is unreachable or slow (set a timeout of a few hundred milliseconds), fail open: let the request through, log one structured warning per outage rather than one per request, and count the event in your metrics so an alert can fire. An outage of the limiter must never become an outage of the product.{{/failOpen}}{{^failOpen}}If the store is unreachable or slow (set a timeout of a few hundred milliseconds), fail closed: refuse with 503 and a clear message, log one structured error per outage, and page on-call. Explain in the code why this API prefers refusing to serving unmetered traffic.{{/failOpen}}

Exempt what must never be turned away: signed webhooks from payment and code-hosting providers (their signature is the gate, and a refusal makes them retry for days) and your own scheduled jobs authenticated by a secret. Make the exemption explicit in the route''s wrapper, never implicit by path.

Deliver:
1. the policies file and the limiter module for {{framework}}, with both the {{store}} backend and the in-process one;
2. the wrapper every route uses, showing one ordinary route, one expensive route and one exempt webhook;
3. tests that prove the behaviour, not the implementation: exactly N requests pass and request N+1 is refused with the right headers; budgets are separate per user and per route; the window resets; the store going down behaves as specified; concurrent requests cannot overshoot a budget;
4. a short README section listing every budget and how to change one.',
   '[{"name":"framework","label":"Framework","description":"Where the API routes live.","required":true,"type":"enum","options":["Next.js route handlers","Express","Fastify"],"default":"Next.js route handlers"},{"name":"store","label":"Shared store","description":"Where counters live in production, so every instance sees the same budget.","required":true,"type":"enum","options":["Upstash Redis","Redis","PostgreSQL"],"default":"Upstash Redis"},{"name":"algorithm","label":"Algorithm","description":"How a window is counted.","required":false,"type":"enum","options":["sliding window","fixed window","token bucket"],"default":"sliding window"},{"name":"userRequestsPerMinute","label":"Requests per user per minute","description":"The default budget of a signed-in user for ordinary reads and writes.","required":false,"type":"number","default":60,"min":1,"max":100000,"integer":true},{"name":"anonymousRequestsPerMinute","label":"Requests per IP per minute (signed out)","description":"The budget of anonymous callers, counted by client IP.","required":false,"type":"number","default":20,"min":1,"max":100000,"integer":true},{"name":"expensiveRoutes","label":"Expensive routes","description":"Routes that get a budget of their own because each call costs real money or CPU.","required":false,"type":"list","default":["POST /api/runs","POST /api/voice/transcribe","POST /api/auth/sign-in"],"maxItems":20},{"name":"failOpen","label":"Fail open","description":"When the store is unreachable, let requests through (and log it) instead of refusing them.","required":false,"type":"boolean","default":true}]'::jsonb,
   'API rate limiting: version 1.0.0 from the catalog.')
on conflict (template_id, version) do nothing;
