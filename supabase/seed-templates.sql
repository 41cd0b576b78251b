-- Generated from templates/catalog by `npm run templates:seed`: edit a template's file (and bump its
-- version), then run it. One row per template version; an existing (template_id, version) is left
-- alone, so a changed file reaches template_versions as a new version, never by rewriting one.
-- Plain SQL only: it runs through `npm run migrate -- --seed` and through `supabase db reset`.

insert into public.template_versions (template_id, version, mega_prompt, variables, changelog)
values
  ('init-env-config', '1.0.0',
   'You are a senior engineer building the configuration layer of a SaaS application written in {{framework}}. Today the code probably reads `process.env` wherever it needs something, which means a missing or misspelled variable shows up as `undefined` deep inside a request, hours after a deploy. Replace that with one module that parses the environment once, with {{validator}}, and exports a typed, frozen object. Every other file imports that object; a lint rule forbids `process.env` anywhere else.

Split the configuration in two, and make the split impossible to get wrong:
- server-only values: {{serverVariables}}. These live in a module marked server-only, so importing it from client code fails the build rather than leaking a key into a JavaScript bundle anyone can download;
- public values: {{publicVariables}}. Only names starting with `{{publicPrefix}}` may appear here, and the schema rejects any public name without the prefix and any server name with it. Remember that the bundler inlines public values at build time: changing one needs a rebuild, not a restart, and the README must say so.

Parse at start-up, not lazily. If anything is missing or malformed, print one error listing every problem at once (name and reason, never the value) and exit with a non-zero code, so a broken deploy fails its health check instead of serving errors. Validate shapes, not just presence: URLs are URLs, ports are integers in range, keys have their provider''s prefix (a secret key that starts with a publishable prefix is a classic copy-paste mistake), booleans are parsed from `true`/`false` strictly rather than by truthiness, since the string `"false"` is truthy.

{{#allowMissingInTests}}In the test environment, and only there, fill missing values with obviously fake placeholders (`test-placeholder-…`) so unit tests run without secrets. Detect the test environment from the runner''s own variable, and make it impossible for a production build to take this path: a placeholder that reaches production must fail validation.{{/allowMissingInTests}}{{^allowMissingInTests}}Do not invent defaults in tests: the test setup loads a committed `.env.test` file with fake values, and the same validation runs there as in production, so a new required variable breaks tests immediately and is noticed by whoever added it.{{/allowMissingInTests}}

Keep secrets out of logs and errors: the config object''s string form prints names with their values redacted, and error reporting strips it from captured context. Commit a `.env.example` listing every variable with a comment saying what it is for, where to obtain it and whether it is required; never commit a real `.env`. Add the example file check to CI so the two cannot drift apart.

Traps to avoid: reading configuration at import time of a module that is also bundled for the client; defaulting a secret to an empty string; one variable meaning different things per environment without saying so; and optional variables that silently switch a feature off in production.

Deliver:
1. the config module for {{framework}} with the {{validator}} schemas, split into server and public parts;
2. the lint rule forbidding direct `process.env` reads outside it;
3. `.env.example` covering every variable above with comments;
4. tests: a valid environment parses; each missing required variable is reported by name; a public name without `{{publicPrefix}}` is rejected; a malformed URL is rejected; all problems are reported together; no secret value appears in the error text;
5. a CI step that fails when a variable used in the schema is missing from `.env.example`.',
   '[{"name":"framework","label":"Framework","description":"Where the configuration is read.","required":true,"type":"enum","options":["Next.js","Node.js service","Remix"],"default":"Next.js"},{"name":"validator","label":"Validation library","description":"The schema library used to parse the environment.","required":false,"type":"enum","options":["zod","valibot","envalid"],"default":"zod"},{"name":"serverVariables","label":"Server-only variables","description":"Secrets and settings that must never reach the browser.","required":false,"type":"list","default":["DATABASE_URL","SUPABASE_SERVICE_ROLE_KEY","STRIPE_SECRET_KEY","STRIPE_WEBHOOK_SECRET","OPENAI_API_KEY"],"maxItems":30},{"name":"publicVariables","label":"Public variables","description":"Values that are safe to expose to client code.","required":false,"type":"list","default":["NEXT_PUBLIC_SUPABASE_URL","NEXT_PUBLIC_SUPABASE_ANON_KEY","NEXT_PUBLIC_APP_URL"],"maxItems":20},{"name":"publicPrefix","label":"Public prefix","description":"The prefix the bundler uses to decide a variable may be inlined into client code.","required":true,"type":"string","default":"NEXT_PUBLIC_","maxLength":40,"pattern":"^[A-Z][A-Z0-9_]*$"},{"name":"allowMissingInTests","label":"Test defaults","description":"Let the test run supply harmless placeholder values so unit tests need no real secrets.","required":false,"type":"boolean","default":true}]'::jsonb,
   'Environment configuration: version 1.0.0 from the catalog.'),
  ('init-logging', '1.0.0',
   'You are a senior engineer setting up logging for a SaaS application whose logs go to {{destination}}. Logs are the first thing anyone reads in an incident, so design them for that moment: a support message says "it failed at 14:02 for me", and within a minute an engineer should find that user''s request, every line it wrote and the error that ended it.

Wrap {{library}} in one small module that the whole server codebase imports; nothing calls `console.log` directly (enforce with a lint rule). Every line is one JSON object with at least: timestamp in ISO 8601 UTC, level, message, service name, environment, release version, and the request id. Messages are constant strings ("checkout session created"), and the variable parts are fields (`{ userId, plan, durationMs }`), so logs can be searched and aggregated; never interpolate values into the message.

Request context: create or accept a request id at the edge (reuse an incoming `x-request-id` only from trusted proxies), return it in the response headers and in every error body shown to users, and carry it through the request with async-local storage so that deep code does not have to pass a logger around. Background jobs get a job id the same way, plus the id of the request that enqueued them.

Levels mean something: `error` is a failure someone should look at, `warn` is degraded but handled, `info` is a business event worth keeping (sign-in, payment, export), `debug` is for developers. Production writes {{defaultLevel}} and above. When debug must be turned on in production, keep it for {{sampleRatePercent}} percent of requests chosen by request id, so a whole request is either fully logged or not at all.

Redaction is not optional. Configure the logger to censor these keys at any depth: {{redactFields}}. Also never log whole request bodies, full headers, database rows or third-party responses; log the fields you need. Error objects are logged with name, message, stack and cause, but their attached request or response objects are dropped. Test the redaction, because the leak happens the day someone adds a nested field.

{{#prettyInDev}}In development, pipe the output through a pretty printer so lines are readable; make sure the pretty printer is a development dependency and never loaded in production, where it costs CPU and breaks JSON parsing downstream.{{/prettyInDev}}{{^prettyInDev}}Keep JSON output in development too, so what a developer sees is exactly what production writes; provide a one-line command to format it when reading locally.{{/prettyInDev}}

Traps to avoid: logging inside hot loops; synchronous writes that block the event loop; losing the last lines when a serverless function freezes (flush before the response ends); transports that run in worker threads, which some serverless bundlers cannot package (write JSON to standard output and let the platform ship it); and logs that double as metrics — count things in metrics, explain things in logs.

Deliver:
1. the logger module on {{library}}, with the context helper and the redaction list;
2. the middleware that assigns the request id and logs one summary line per request (method, route pattern, status, duration, user id if any);
3. the lint rule forbidding direct console calls in server code;
4. tests: each redacted key is censored at top level and nested; the request id appears on every line written during a request and in the response header; levels below the configured one are dropped; an error with a cause is serialised with both;
5. a README section on how to find one request''s logs in {{destination}}.',
   '[{"name":"library","label":"Logging library","description":"The logger underneath the project''s own small wrapper.","required":true,"type":"enum","options":["pino","winston","console with a JSON formatter"],"default":"pino"},{"name":"destination","label":"Log destination","description":"Where production logs end up.","required":false,"type":"enum","options":["the platform''s log drain","Datadog","Grafana Loki","Better Stack"],"default":"the platform''s log drain"},{"name":"defaultLevel","label":"Default level in production","description":"The lowest level written in production.","required":false,"type":"enum","options":["debug","info","warn"],"default":"info"},{"name":"redactFields","label":"Redacted fields","description":"Keys whose values must never be written, wherever they appear in a log object.","required":false,"type":"list","default":["password","token","authorization","cookie","apiKey","secret","email"],"maxItems":30},{"name":"sampleRatePercent","label":"Debug sampling percent","description":"Share of requests whose debug logs are kept when debug is enabled in production.","required":false,"type":"number","default":5,"min":0,"max":100,"integer":true},{"name":"prettyInDev","label":"Pretty output in development","description":"Human-readable coloured lines locally instead of JSON.","required":false,"type":"boolean","default":true}]'::jsonb,
   'Structured logging: version 1.0.0 from the catalog.'),
  ('init-project-structure', '1.0.0',
   'You are a staff engineer laying out the repository of {{productName}}, a SaaS product built with {{framework}}. The structure you choose now decides where every future change goes, so optimise for one thing: a new engineer should be able to guess the right file for a change without asking. Propose the layout, justify each top-level folder in one sentence, and create the skeleton with working scripts.

{{#monorepo}}Use a workspace monorepo managed by {{packageManager}}: `apps/` holds deployables (the web app, and later a worker), `packages/` holds shared code with its own `package.json` and a public entry point (`config`, `ui`, `db`, `domain`). A package may import from another package only through that entry point, never by reaching into its folders; enforce this with a lint rule. Keep the number of packages small: a package is justified by a second consumer, not by tidiness.{{/monorepo}}{{^monorepo}}Use a single package managed by {{packageManager}}. Separate the framework''s routing layer from the rest: route files stay thin and call into `lib/`, where the real logic lives, so it can be tested without a server and moved later if the product splits into services. Do not create a monorepo until a second deployable exists; the tooling cost is paid every day and the benefit arrives only then.{{/monorepo}}

Organise business logic by domain, not by technical kind. Create one module per domain: {{domains}}. Each module owns its types, its data access, its validation schemas and its tests, and exposes a small public surface through an index file. Cross-domain calls go through that surface; a domain never reads another domain''s tables directly. Put genuinely shared code (the database client, the logger, the env reader, the error types) in a clearly named shared folder, and keep it boring: nothing domain-specific belongs there.

Decide these explicitly and write them down in the README:
- where tests live (next to the code for unit tests, a top-level folder for end-to-end tests) and how they are named;
- the path alias used for imports (one alias for the project root, no deep relative chains like `../../../`);
- where database migrations, seed data and generated types live, and that generated files are never edited by hand;
- that server-only modules are marked as such so they can never be bundled into client code.

Traps to avoid: a `utils/` folder that becomes the place for everything; circular imports between domains (add a lint rule that fails on cycles); route files that contain business logic; configuration read from `process.env` all over the codebase instead of one module; and committing more than one lockfile. Keep files under about {{maxFileLines}} lines and configure the linter to warn beyond that, so splitting a module is a habit rather than a rescue.

Deliver:
1. the folder tree with a one-line purpose for every top-level folder and every domain module;
2. the `package.json` scripts: `dev`, `build`, `start`, `lint`, `typecheck`, `test`, `test:e2e`, each working on a clean checkout with {{packageManager}};
3. the lint configuration enforcing the import boundaries, the cycle check and the file-size warning;
4. one example domain module from the list, with its index, a function, its validation schema and a unit test;
5. a test (or lint run in CI) that fails when a module imports another domain''s internals, so the boundaries cannot erode silently;
6. a README section "Where does my change go?" answering that question for the five most common kinds of change.',
   '[{"name":"productName","label":"Product name","description":"What the product is called; used in the README and package name.","required":true,"type":"string","default":"Acme SaaS","maxLength":80},{"name":"framework","label":"Framework","description":"The application framework the codebase is built on.","required":true,"type":"enum","options":["Next.js App Router","Remix","Express API with a React SPA"],"default":"Next.js App Router"},{"name":"packageManager","label":"Package manager","description":"The one package manager the repository commits a lockfile for.","required":false,"type":"enum","options":["npm","pnpm","yarn"],"default":"npm"},{"name":"monorepo","label":"Monorepo","description":"Split the code into workspaces (apps and shared packages) instead of one package.","required":false,"type":"boolean","default":false},{"name":"domains","label":"Feature domains","description":"The business areas the product has from day one; each gets its own module.","required":false,"type":"list","default":["accounts","billing","projects","notifications"],"maxItems":15},{"name":"maxFileLines","label":"Maximum lines per file","description":"A soft size limit the linter warns about, to keep modules reviewable.","required":false,"type":"number","default":400,"min":100,"max":2000,"integer":true}]'::jsonb,
   'Project structure: version 1.0.0 from the catalog.'),
  ('init-typescript-config', '1.0.0',
   'You are a senior TypeScript engineer configuring the compiler for a SaaS codebase that runs on {{runtime}}. The aim is a configuration where the type checker finds the bugs that reach production in untyped code — undefined values, wrong shapes from the network, forgotten cases — while staying fast enough that nobody is tempted to skip it.

Write a `tsconfig.json` targeting {{target}} with `strict: true`, `noEmit` when a bundler does the compilation, `moduleResolution` matching {{runtime}} (`bundler` for a framework with its own bundler, `nodenext` for plain Node so that import paths and ESM behave as they will at run time), `isolatedModules` so every file can be transpiled on its own, `verbatimModuleSyntax` so type-only imports are explicit, and `skipLibCheck` to keep the check fast. Configure the alias `{{pathAlias}}` for the project root and make sure the same alias is understood by the test runner and the bundler; a mismatch there is the most common reason "it compiles but the tests cannot find the module".

{{#extraStrict}}Go beyond strict mode, because these flags catch real defects: `noUncheckedIndexedAccess` (an array element or record lookup may be undefined, and the code must say what happens then), `exactOptionalPropertyTypes` (an optional property is absent, not `undefined`), `noImplicitOverride`, `noFallthroughCasesInSwitch` and `noImplicitReturns`. Expect some churn when enabling them; fix the code rather than sprinkling non-null assertions, and explain in the README the one or two idioms that keep such code readable.{{/extraStrict}}{{^extraStrict}}Stay with strict mode plus `noFallthroughCasesInSwitch` and `noImplicitReturns` for now. Record in the README which stricter flags were considered (`noUncheckedIndexedAccess`, `exactOptionalPropertyTypes`) and the condition under which the team will turn them on, so the decision is revisited rather than forgotten.{{/extraStrict}}

{{#migratingFromJs}}The codebase still contains JavaScript. Set `allowJs` and `checkJs: false` globally, then opt files in with `// @ts-check` as they are touched; convert leaf modules first and work upwards. Track the number of remaining JavaScript files in CI and fail if it grows.{{/migratingFromJs}}

Types at the boundaries matter more than types inside: anything arriving from the network, the database, environment variables or local storage is `unknown` until a schema has parsed it. Ban `any` with a lint rule (allowing it only with a comment explaining why), prefer `unknown` and narrowing, and generate database types from the schema instead of writing them by hand. Use `satisfies` for configuration objects so they are checked without losing their literal types.

A full type check must run in under {{typecheckBudgetSeconds}} seconds in CI. Use incremental builds locally, project references only if the codebase is genuinely split into packages, and measure with the compiler''s diagnostics before and after each change. If the check gets slower, look first for huge inferred types and for generated files that should be excluded.

Deliver:
1. the `tsconfig.json` (and any per-environment extension such as one for tests), each flag with a one-line comment on why;
2. the matching alias configuration for the test runner and bundler;
3. the lint rules for `any`, non-null assertions and unused variables;
4. a `typecheck` script and a CI job that fails on any error and reports the time taken against the budget;
5. a deliberately wrong fixture file, type-checked in CI, whose errors are each marked `// @ts-expect-error`, proving the strict flags are really on (if someone weakens the config, the expected error disappears and the job fails).',
   '[{"name":"runtime","label":"Runtime","description":"What the compiled code runs on.","required":true,"type":"enum","options":["Next.js","Node.js","Bun"],"default":"Next.js"},{"name":"target","label":"Compile target","description":"The ECMAScript version emitted or assumed.","required":false,"type":"enum","options":["ES2022","ES2023","ESNext"],"default":"ES2022"},{"name":"extraStrict","label":"Extra strictness","description":"Turn on the flags beyond strict mode (indexed access, exact optional properties, override).","required":false,"type":"boolean","default":true},{"name":"pathAlias","label":"Path alias","description":"The import alias that points at the project root.","required":true,"type":"string","default":"@/*","maxLength":20},{"name":"migratingFromJs","label":"Migrating from JavaScript","description":"The codebase still contains JavaScript files to convert gradually.","required":false,"type":"boolean","default":false},{"name":"typecheckBudgetSeconds","label":"Type-check budget in seconds","description":"How long a full type check may take in CI before it is treated as a problem.","required":false,"type":"number","default":60,"min":5,"max":900,"integer":true}]'::jsonb,
   'TypeScript configuration: version 1.0.0 from the catalog.'),
  ('auth-jwt-middleware', '1.0.0',
   'You are a security-minded backend engineer writing the authentication middleware of a SaaS API built with {{framework}}. Access tokens are JWTs issued by {{issuer}}. The middleware has one job: turn an incoming request into either a verified, typed user or a clean 401, before any handler runs. Handlers never parse tokens themselves, and never read a user id from the request body or a query parameter.

Verification must check all of these, and refuse on the first failure:
- the signature, with the algorithm pinned to {{algorithm}}. Never take the algorithm from the token header; accepting `none`, or an HMAC token verified with a public key, are the classic bypasses;
- the issuer and audience claims equal the configured values exactly;
- `exp` and `nbf`, with a tolerance of {{clockSkewSeconds}} seconds for clock skew, and no more;
- the subject is present and has the shape of a user id.
{{#acceptCookie}}
Read the token from the `Authorization: Bearer` header first, then from the framework''s session cookie for browser requests. If both are present and disagree, refuse: that is a sign of a confused client or an attack. Requests authenticated by cookie are exposed to cross-site request forgery, so mark them as cookie-authenticated in the request context and let the CSRF layer require its check for every unsafe method.{{/acceptCookie}}{{^acceptCookie}}
Read the token only from the `Authorization: Bearer` header. Cookies are ignored by this middleware entirely, which keeps the API free of cross-site request forgery by construction; say so in a comment so nobody adds cookie support casually.{{/acceptCookie}}

For asymmetric algorithms, fetch the issuer''s public keys from its JWKS endpoint, select by `kid`, and cache them for {{jwksCacheMinutes}} minutes. When a token carries an unknown `kid`, refetch once (keys rotate), but rate-limit refetches so a flood of forged `kid` values cannot make the API hammer the issuer. If the key endpoint is down and the cache is empty, fail closed with 503, never open.

Whatever the issuer, {{issuer}} included, remember that verifying a token locally proves who signed it, not that the session is still alive: a signed-out user''s token stays valid until it expires. Keep access tokens short-lived and, for sensitive actions (changing email, deleting an account, billing), confirm the session with the issuer''s server-side user endpoint.

Public routes that skip the middleware are listed explicitly, in one place: {{publicRoutes}}. Everything else requires a token by default, so a forgotten route is protected rather than exposed. Webhooks in that list are authenticated by their signature instead.

The result is a typed context object (`userId`, `sessionId`, `role` claims if present, `authMethod`), not the raw payload. Log refusals at `info` with the reason code (`expired`, `bad_signature`, `wrong_audience`) and never the token itself. The 401 body says only that authentication is required or has expired; details of why a signature failed help attackers, not users.

Deliver:
1. the verification module (pure, testable without a server) and the {{framework}} middleware around it;
2. the route wrapper with the explicit public-route list;
3. tests with locally generated keys: a valid token passes; an expired token, a token from another issuer, another audience, the `none` algorithm, an HMAC token signed with the public key, a tampered payload and an unknown `kid` are each refused with the right reason; skew at the boundary behaves as configured; a new route without configuration requires a token;
4. a short README section on token lifetimes, key rotation and what the middleware does not protect against.',
   '[{"name":"framework","label":"Framework","description":"Where the middleware runs.","required":true,"type":"enum","options":["Next.js route handlers","Express","Fastify"],"default":"Next.js route handlers"},{"name":"issuer","label":"Token issuer","description":"Who signs the access tokens.","required":true,"type":"enum","options":["Supabase Auth","Auth0","Clerk","our own auth service"],"default":"Supabase Auth"},{"name":"algorithm","label":"Signing algorithm","description":"The one algorithm accepted; anything else is refused.","required":false,"type":"enum","options":["ES256","RS256","HS256"],"default":"ES256"},{"name":"clockSkewSeconds","label":"Clock skew tolerance in seconds","description":"How far the server clock may differ from the issuer''s when checking expiry and not-before.","required":false,"type":"number","default":30,"min":0,"max":300,"integer":true},{"name":"jwksCacheMinutes","label":"Signing key cache in minutes","description":"How long the issuer''s public keys are cached before being fetched again.","required":false,"type":"number","default":10,"min":1,"max":1440,"integer":true},{"name":"acceptCookie","label":"Accept the session cookie","description":"Besides the Authorization header, read the token from the framework''s session cookie (for browser requests).","required":false,"type":"boolean","default":true},{"name":"publicRoutes","label":"Public routes","description":"Routes that need no token at all.","required":false,"type":"list","default":["GET /api/health","POST /api/webhooks/stripe","GET /api/templates"],"maxItems":20}]'::jsonb,
   'JWT verification middleware: version 1.0.0 from the catalog.'),
  ('auth-oauth-providers', '1.0.0',
   'You are a senior engineer adding OAuth sign-in to a SaaS web app with {{authLibrary}}. Users will be able to sign in with: {{providers}}. OAuth looks like configuration, but most of its failures are security bugs, so build it as carefully as a password flow.

The flow: use the authorisation code flow with PKCE for every provider, and a fresh random `state` (and `nonce` for OpenID Connect providers) per attempt, stored server-side or in a short-lived, `HttpOnly` cookie bound to this browser and valid for {{callbackTimeoutMinutes}} minutes. The callback rejects a missing or mismatched state, an expired attempt, and a code that has already been used. Never use the implicit flow.

Redirects are the most common hole. Register exact callback URLs with each provider for {{appUrl}} and for each preview or staging origin you really use, not wildcards. The "return to where I was" parameter after sign-in must be a relative path on your own origin, validated against an allow-list of route prefixes; anything else falls back to the dashboard. An open redirect here turns your sign-in page into a phishing tool that carries your domain name.

Identity: the stable key of an external identity is the pair (provider, provider''s user id), never the email address. Emails change and, on some providers, are not verified. Store identities in their own table linked to the user, so a user can have several.

{{#autoLinkVerifiedEmail}}When a provider sign-in arrives with an email that matches an existing account, link it automatically only if the provider states the email is verified and the provider is on a list you trust for that claim: some providers let an account or directory administrator set an arbitrary email address, so for them the email claim proves nothing about ownership. Notify the user by email that a new sign-in method was added, with a link to remove it. Document which providers are trusted and why.{{/autoLinkVerifiedEmail}}{{^autoLinkVerifiedEmail}}Never link accounts automatically by email: an attacker who registers your user''s email at a provider that does not verify it would take over the account. If the email matches an existing account, tell the user to sign in the way they did before and link the provider from their settings, where they are already authenticated.{{/autoLinkVerifiedEmail}}

{{#allowPasswordToo}}Email and password sign-in remains available. Make sure a user who signed up with a provider can set a password from settings, and that removing their last sign-in method is refused, so nobody locks themselves out.{{/allowPasswordToo}}{{^allowPasswordToo}}Providers are the only way in. Make sure every user always keeps at least one linked provider (unlinking the last one is refused), and provide a support path for someone who loses access to their provider account.{{/allowPasswordToo}}

First sign-in: create the user and profile in one transaction, request only the scopes you need (identity and email, not contacts or repositories), and send new users to onboarding rather than an empty dashboard. Do not store provider access tokens unless a feature needs them; if it does, encrypt them at rest and refresh them server-side.

Errors: a user who cancels at the provider comes back to the sign-in page with a friendly message, not a stack trace. Log the provider''s error code, never the authorisation code or tokens.

Deliver:
1. the sign-in buttons and the server routes for start and callback with {{authLibrary}};
2. the return-path validator;
3. the identities table and the linking and unlinking logic;
4. tests: state mismatch, expired attempt and replayed code are refused; an external return path falls back to the dashboard; linking follows the rule above; the last sign-in method cannot be removed; a cancelled consent shows the friendly message;
5. a checklist of the provider console settings for each of {{providers}}.',
   '[{"name":"providers","label":"Providers","description":"The identity providers offered on the sign-in page.","required":false,"type":"list","default":["Google","GitHub","Microsoft"],"maxItems":10},{"name":"authLibrary","label":"Auth layer","description":"What performs the OAuth flow.","required":true,"type":"enum","options":["Supabase Auth","Auth.js","a hand-written OIDC client"],"default":"Supabase Auth"},{"name":"appUrl","label":"Production URL","description":"The canonical origin that redirects must come back to.","required":true,"type":"string","default":"https://app.example.com","maxLength":200,"pattern":"^https://"},{"name":"autoLinkVerifiedEmail","label":"Link accounts by verified email","description":"Attach a provider sign-in to an existing account when the provider reports the same email as verified.","required":false,"type":"boolean","default":false},{"name":"allowPasswordToo","label":"Keep email and password sign-in","description":"Offer email and password alongside the providers.","required":false,"type":"boolean","default":true},{"name":"callbackTimeoutMinutes","label":"Sign-in attempt timeout in minutes","description":"How long the state and PKCE verifier of one attempt remain valid.","required":false,"type":"number","default":10,"min":1,"max":60,"integer":true}]'::jsonb,
   'OAuth sign-in providers: version 1.0.0 from the catalog.'),
  ('auth-rbac-middleware', '1.0.0',
   'You are a senior engineer adding authorisation to a multi-tenant SaaS API built with {{framework}}. Authentication already gives every request a verified user id. What is missing is the answer to "may this user do this to this resource?", answered the same way on every route. Every member belongs to one {{tenantName}} (the tenant) and holds one of these roles, from most to least powerful: {{roles}}.

Model permissions, not roles, in the code. Define a small set of named actions (`project.read`, `project.write`, `billing.manage`, `member.invite`, `member.remove`) and one table mapping each role to the actions it grants. Routes ask for an action (`can(user, ''billing.manage'', org)`), never for a role (`if role === ''admin''`), so adding a role later changes one table instead of every handler. Keep the mapping in one file with a test that prints it, so a reviewer sees the whole policy at once.

Every check is scoped to the {{tenantName}} that owns the resource. Load the resource first, take its {{tenantName}} id from the database row — never from the URL, the body or a header the client controls — and check the user''s role in that {{tenantName}}. This is where most real authorisation bugs live: a user who is an admin somewhere becomes an admin everywhere because the check forgot which tenant it was about.

Roles come from {{roleSource}}. If they are read from the database, cache them for at most {{roleCacheSeconds}} seconds per user and {{tenantName}}, and invalidate on membership change, so a removed member loses access quickly. If they come from token claims, remember that a claim lives until the token expires: keep tokens short and re-check the database for destructive actions.

Deny by default. A route without an explicit authorisation declaration fails a test; there is no "authenticated is enough" fallback except for routes that say so. Respond 404 rather than 403 when the user cannot see the resource at all, so ids of other tenants'' resources cannot be probed; use 403 when they can see it but not change it. Guard the last owner: the final owner of a tenant cannot be demoted or removed, and nobody can grant a role more powerful than their own.

{{#enforceInDatabase}}Mirror the rules in row-level security policies so that even a query issued with the user''s credentials from a buggy route cannot read another tenant''s rows. The API check gives good error messages; the database check is the backstop. Keep the service-role key, which bypasses those policies, out of request handling except in clearly named admin paths.{{/enforceInDatabase}}{{^enforceInDatabase}}The API is the only enforcement point, so every data access must go through functions that take the authorised {{tenantName}} id as a parameter and include it in the query. Add a test that lists data-access functions and fails if one lacks the tenant filter.{{/enforceInDatabase}}

Log every denied action at `info` with the user, action and resource id, and every role change as an audit event with who changed what.

Deliver:
1. the permissions table and the `can` function, pure and unit-tested;
2. the {{framework}} wrapper that loads the resource, resolves the tenant and checks the action;
3. the membership mutations with the last-owner and no-escalation rules;
4. tests: each role against each action (a table-driven test generated from the mapping); a user with a role in one {{tenantName}} is refused in another; a tenant id supplied in the body is ignored; 404 versus 403 as specified; a route with no declaration fails the suite;
5. the audit log entries for role changes.',
   '[{"name":"framework","label":"Framework","description":"Where the routes live.","required":true,"type":"enum","options":["Next.js route handlers","Express","Fastify"],"default":"Next.js route handlers"},{"name":"roles","label":"Roles","description":"The roles a member can hold, from most to least powerful.","required":false,"type":"list","default":["owner","admin","member","viewer"],"maxItems":10},{"name":"tenantName","label":"Tenant name","description":"What the product calls the unit members belong to.","required":true,"type":"string","default":"organization","maxLength":40},{"name":"roleSource","label":"Where roles are read from","description":"The source of truth for a member''s role at request time.","required":false,"type":"enum","options":["a memberships table","custom claims in the JWT"],"default":"a memberships table"},{"name":"roleCacheSeconds","label":"Role cache in seconds","description":"How long a looked-up role may be reused before being read again.","required":false,"type":"number","default":30,"min":0,"max":3600,"integer":true},{"name":"enforceInDatabase","label":"Enforce in the database too","description":"Mirror the rules in row-level security policies, so a bug in the API cannot bypass them.","required":false,"type":"boolean","default":true}]'::jsonb,
   'Role-based access control: version 1.0.0 from the catalog.'),
  ('auth-session-management', '1.0.0',
   'You are a senior engineer hardening session handling in a SaaS web app that uses {{provider}}. A session is the thing attackers actually steal, so treat it as a credential: where it is stored, how long it lives, how it is renewed and how it ends all need a deliberate answer.

Storage: keep tokens in cookies set by the server, `HttpOnly`, `Secure`, `SameSite=Lax` (or `Strict` for an app with no cross-site entry points), `Path=/`, with the `__Host-` prefix where the cookie needs no domain attribute. Never put a refresh token in local storage or anywhere script can read it; one cross-site scripting bug would then export every session. Set the cookies from server code only and read the session on the server for every protected render and route, rather than trusting client state.

Lifetimes: access tokens live {{accessTokenMinutes}} minutes. Refresh tokens rotate on every use: a refresh returns a new refresh token and invalidates the old one. If an old refresh token is ever presented again, treat it as theft and revoke the whole session family, signing out both the attacker and the user, who can simply sign in again. Sessions end after {{idleTimeoutHours}} hours without use and, regardless of activity, after {{absoluteTimeoutDays}} days.

Renewal in practice: refreshing is where race conditions live. Several tabs or parallel requests can try to refresh at once; make sure only one refresh happens and the others wait for its result, otherwise rotation will flag the user''s own second tab as a thief. In server rendering, refresh in the layer that runs before the page (middleware or proxy) and write the new cookies on the response, because a server component cannot write cookies, and nothing can once the response has started streaming.

Ending sessions: sign-out revokes the session on the server, not just the cookie in this browser. Offer "sign out everywhere", and do it automatically after a password change or email change. Any session whose user has been deleted or suspended must stop working at the next refresh at the latest.

Recent authentication: these actions require a sign-in within the last few minutes, otherwise the user is asked to confirm their password or complete a fresh sign-in: {{sensitiveActions}}. Record the authentication time in the session and check it on the server.

{{#sessionList}}Give users an "Active sessions" page listing each session with a device label from the user agent, an approximate location, the time it was created and last used, and a "sign out" button per session. Mark the current one. Never show raw IP addresses of other sessions to anyone but the user themselves.{{/sessionList}}{{^sessionList}}No sessions page for now; "sign out everywhere" in the account settings is the user''s control. Note in the README that a session list is the next step if users ask.{{/sessionList}}

Deliver:
1. the cookie configuration and the server helpers to read, refresh and clear a session with {{provider}};
2. the single-flight refresh used by middleware and client;
3. sign-out, sign-out everywhere and the recent-authentication guard;
4. tests: cookies carry every attribute; a reused refresh token revokes the family; parallel refreshes produce one rotation; idle and absolute timeouts end sessions at the boundary; a password change ends other sessions; a sensitive action with a stale sign-in is refused;
5. a README table of every lifetime and why it was chosen.',
   '[{"name":"provider","label":"Auth provider","description":"What issues and refreshes sessions.","required":true,"type":"enum","options":["Supabase Auth","Auth.js","our own session service"],"default":"Supabase Auth"},{"name":"accessTokenMinutes","label":"Access token lifetime in minutes","description":"How long a short-lived access token is valid.","required":false,"type":"number","default":15,"min":1,"max":120,"integer":true},{"name":"idleTimeoutHours","label":"Idle timeout in hours","description":"A session unused for this long ends.","required":false,"type":"number","default":72,"min":1,"max":2160,"integer":true},{"name":"absoluteTimeoutDays","label":"Absolute timeout in days","description":"A session ends after this long even if it is used every day.","required":false,"type":"number","default":30,"min":1,"max":365,"integer":true},{"name":"sessionList","label":"Active sessions page","description":"Show users their sessions (device, place, last used) and let them end any of them.","required":false,"type":"boolean","default":true},{"name":"sensitiveActions","label":"Actions that need a fresh sign-in","description":"Actions that require the user to have authenticated recently.","required":false,"type":"list","default":["change email","change password","delete account","manage billing"],"maxItems":15}]'::jsonb,
   'Session management: version 1.0.0 from the catalog.'),
  ('db-constraints-validation', '1.0.0',
   'You are a senior database engineer making a SaaS product''s PostgreSQL schema reject invalid data on its own. Application validation with {{validator}} gives users good error messages, but it can be bypassed by a script, a migration, a second service or a bug; the database is the one place every write passes through. Every rule that can be expressed as a constraint should be, so that bad data cannot exist rather than being cleaned up later.

Start with the rules that matter for this product, and express each as a constraint: {{rules}}. For each, say which constraint type enforces it and why that type.

The toolbox, and when to use each:
- `NOT NULL` by default. A nullable column needs a reason ("not known yet" is one; "we might not need it" is not);
- `CHECK` for value rules on one row: non-negative amounts, ordered dates (`ends_at > starts_at`), non-empty trimmed strings (`length(trim(name)) > 0`), and a length limit on every free-text column — {{maxTextLength}} characters unless the field has a natural limit — so a single request cannot store megabytes in a comment;
- `UNIQUE`, including composite and case-insensitive ones (`unique (organization_id, lower(slug))` through an index), for identity rules;
- foreign keys everywhere a column references a row, with a deliberate `on delete`: `cascade` for children that mean nothing alone, `restrict` for records you must keep (invoices, audit events), `set null` rarely;
- exclusion constraints for "no overlap" rules such as one active period per subscription, with a range column and a GiST index (the `btree_gist` extension provides the equality part on the subscription id);
- fixed value sets declared as {{enumStyle}}. Explain the trade-off in the README: enum types are compact but awkward to change, check constraints are easy to extend in a migration, lookup tables allow metadata.

{{#softDelete}}Rows are soft-deleted with a `deleted_at` timestamp. Uniqueness must then ignore deleted rows, so make unique rules partial indexes with `where deleted_at is null`; otherwise a user cannot recreate a project with the name of one they deleted. Foreign keys do not know about soft deletes, so decide what happens to children of a soft-deleted parent and enforce it in one place.{{/softDelete}}{{^softDelete}}Rows are deleted for real. Audit history lives in a separate append-only table, written by triggers, so deleting a row never loses the record that it existed and who removed it.{{/softDelete}}

Mirror each constraint in the {{validator}} schemas so users see a friendly message before the database is asked, and translate constraint violations that still happen (races make that inevitable for uniqueness) into proper API errors: a unique violation becomes a 409 with the field name, and a check violation a 400 `validation_failed` naming the field, logged as a warning because the application schema should have caught it first. Name every constraint explicitly (`projects_slug_unique`) so the mapping from constraint to field is stable and readable.

Adding constraints to existing tables: add them `NOT VALID`, fix existing rows, then `VALIDATE`, which avoids a long exclusive lock.

Deliver:
1. a migration adding every constraint for the rules above, each named;
2. the {{validator}} schemas that mirror them;
3. the error translation from constraint name to API error;
4. tests that write directly to the database, bypassing the application, and prove each rule is refused: a duplicate slug, a negative amount, overlapping periods, an unknown role, text over the limit{{#softDelete}}, and that a deleted slug can be reused{{/softDelete}};
5. a README list of every constraint and the rule it enforces.',
   '[{"name":"validator","label":"Application validator","description":"The schema library used in the application layer.","required":true,"type":"enum","options":["zod","valibot","Pydantic"],"default":"zod"},{"name":"enumStyle","label":"Fixed value sets","description":"How columns with a fixed set of values are declared.","required":false,"type":"enum","options":["check constraints on text","PostgreSQL enum types","lookup tables"],"default":"check constraints on text"},{"name":"softDelete","label":"Soft delete","description":"Rows are marked deleted instead of removed.","required":false,"type":"boolean","default":true},{"name":"maxTextLength","label":"Default maximum text length","description":"The length limit for free-text columns that have no natural limit.","required":false,"type":"number","default":5000,"min":100,"max":1000000,"integer":true},{"name":"rules","label":"Business rules to enforce","description":"Rules the data must always satisfy, in plain words.","required":false,"type":"list","default":["a project slug is unique within its organization","a subscription has at most one active period at a time","an invoice amount is never negative","a membership role is one of the known roles"],"maxItems":20}]'::jsonb,
   'Constraints and data validation: version 1.0.0 from the catalog.'),
  ('db-indexes-optimization', '1.0.0',
   'You are a PostgreSQL performance engineer choosing the indexes of a multi-tenant SaaS database accessed through {{orm}}. The largest table is expected to reach about {{largestTableRows}} rows within a year. Indexes are not added because a column "looks important"; each one exists to serve a query that runs, and is proven with a query plan. Start from these hot queries: {{hotQueries}}.

For each hot query, write the SQL it actually produces (for an ORM, capture it from the query log rather than guessing), then design the index:
- equality columns first, then the range or sort column: a tenant''s list sorted by date wants `({{tenantColumn}}, created_at desc)`, which serves the filter and the order in one index scan and avoids a sort;
- add `include` columns only when an index-only scan for a very hot query is worth the extra size;
- use partial indexes for queries that always filter on a condition (`where deleted_at is null`, `where status = ''active''`), which keeps them small;
- unique indexes enforce rules as well as speed lookups — an API key looked up by its hash wants a unique index on the hash;
- foreign key columns need an index of their own, or deleting a parent scans the child table and holds locks while doing so.

Because nearly every query and every row-level security policy filters on `{{tenantColumn}}`, make it the leading column of most composite indexes. A single-column index on a low-selectivity boolean, on the other hand, is almost never used; do not add one.

{{#fullTextSearch}}For user search over text, add a generated `tsvector` column with a GIN index and query it with `websearch_to_tsquery`, choosing the text search configuration for the product''s language. For "contains" searches on short fields such as names, a trigram GIN index supports `ilike ''%term%''`. Always combine search with the tenant filter, and cap the number of results.{{/fullTextSearch}}

Verify with `explain (analyze, buffers)` on data of realistic size: generate enough rows that the planner behaves as in production, because on a tiny table it will rightly choose a sequential scan and tell you nothing. Record the plan before and after each index in the pull request. Watch for the traps: functions on the indexed column (`lower(email)` needs an expression index), implicit casts, `or` conditions that defeat an index, and offset pagination deep into a large table, which reads and discards every skipped row — use keyset pagination instead.

Indexes cost writes, storage and vacuum work. Build them `concurrently` in migrations on live tables, review unused indexes every quarter from the statistics views, and drop duplicates (an index on `(a)` is redundant next to one on `(a, b)`). Turn on slow-query logging above {{slowQueryMs}} ms and the statement statistics extension, and review the top queries by total time, not only the slowest single run.

Deliver:
1. for each hot query, the SQL, the chosen index and one sentence of reasoning;
2. a migration creating the indexes concurrently;
3. a script that seeds realistic volumes locally and prints the plans;
4. a test that runs `explain` for each hot query on the seeded database and fails if the plan contains a sequential scan on a large table or a sort that an index should have removed, so a schema or query change that loses an index is caught in CI;
5. a query to list unused and duplicate indexes, with instructions for the quarterly review.',
   '[{"name":"hotQueries","label":"Hot queries","description":"The queries that run most often or matter most, in plain words.","required":false,"type":"list","default":["list a tenant''s projects newest first","find a user''s memberships","look up an API key by hash","search documents by title"],"maxItems":20},{"name":"tenantColumn","label":"Tenant column","description":"The column nearly every query filters on.","required":true,"type":"string","default":"organization_id","maxLength":63},{"name":"slowQueryMs","label":"Slow query threshold in milliseconds","description":"Queries slower than this are logged and reviewed.","required":false,"type":"number","default":200,"min":10,"max":10000,"integer":true},{"name":"largestTableRows","label":"Rows in the largest table","description":"The expected row count of the biggest table within a year.","required":false,"type":"number","default":5000000,"min":1000,"max":10000000000,"integer":true},{"name":"fullTextSearch","label":"Full-text search","description":"Users search text columns, so add text search indexes.","required":false,"type":"boolean","default":true},{"name":"orm","label":"Data access","description":"How the application issues queries.","required":false,"type":"enum","options":["Supabase client","Prisma","Drizzle","raw SQL"],"default":"Supabase client"}]'::jsonb,
   'Indexes and query plans: version 1.0.0 from the catalog.'),
  ('db-migration-structure', '1.0.0',
   'You are a senior engineer setting up database migrations for a SaaS product on PostgreSQL, using {{tool}}. The rule that everything else follows from: the schema changes only through migration files committed to the repository, applied in order by the same command locally, in CI and in production. Nobody edits a production schema by hand, and a migration that has been applied anywhere shared is never edited again — a new one corrects it.

Layout: one folder of migrations, named with a {{naming}} so the order is unambiguous even when two branches add migrations on the same day; a seed file for local development and tests only; and a short README. Each migration does one logical change and begins with a comment saying why. The first migration creates: {{coreTables}}, with primary keys, foreign keys with explicit `on delete` behaviour, `created_at` and `updated_at` timestamps in UTC, and the trigger that maintains `updated_at`.

Safety in production, where tables are large and traffic does not stop:
- set `lock_timeout` to {{lockTimeoutSeconds}} seconds at the top of each migration, so a migration waiting behind a long query fails fast instead of queueing every other request behind it;
- create indexes on existing tables concurrently, outside a transaction;
- add a `NOT NULL` column in steps: add it nullable, backfill in batches, add a `CHECK ... NOT VALID` constraint, validate it, then set `NOT NULL`;
- never rename or drop a column the running code still reads. Use expand and contract: add the new shape, deploy code that writes both, backfill, deploy code that reads the new, then drop the old in a later migration;
- make data backfills separate, idempotent scripts in batches, not one giant `UPDATE` inside the schema migration.

{{#allowDownMigrations}}Ship a down script with every migration and test it in CI by applying, reverting and applying again. Be honest in the README that a down migration that drops a column also drops its data: for destructive changes the real recovery is a backup restore, and the down script is for development.{{/allowDownMigrations}}{{^allowDownMigrations}}Fix forward: no down scripts. A bad migration is corrected by a new migration, which is reviewed and tested like any other. Explain in the README why — down scripts are rarely tested, and reverting a migration that dropped data does not bring the data back; backups and point-in-time recovery are the real safety net.{{/allowDownMigrations}}

{{#generateTypes}}After every migration, regenerate the database types and commit them. CI regenerates them from a fresh database and fails if the committed file differs, so types and schema cannot drift.{{/generateTypes}}

CI: start an empty database, apply every migration from zero, run the seed, then run the test suite against it. Also apply the pending migrations to a copy of the current production schema (schema only, no data) so that a migration which works on an empty database but fails on the real one is caught before deploy. Deploy order is migrations first, then code, which is why every migration must be compatible with the code currently running.

Deliver:
1. the folder layout, the naming rule and the README for {{tool}};
2. the first migration creating {{coreTables}}, with the `updated_at` trigger;
3. a worked example of an expand-and-contract column rename across three migrations;
4. the CI job that applies all migrations from zero, checks the seed and compares generated types;
5. a test that fails when an already-applied migration file is modified (compare a checksum of each file with the one recorded when it was applied, or with its version on the main branch), because editing history is the mistake that corrupts environments.',
   '[{"name":"tool","label":"Migration tool","description":"What writes and applies migrations.","required":true,"type":"enum","options":["Supabase CLI","Prisma Migrate","Drizzle Kit","plain SQL files with a runner"],"default":"Supabase CLI"},{"name":"naming","label":"File naming","description":"How migration files are ordered.","required":false,"type":"enum","options":["timestamp prefix","sequential number prefix"],"default":"timestamp prefix"},{"name":"lockTimeoutSeconds","label":"Lock timeout in seconds","description":"How long a migration statement may wait for a lock before giving up.","required":false,"type":"number","default":5,"min":1,"max":120,"integer":true},{"name":"allowDownMigrations","label":"Write down migrations","description":"Ship a reverse script with every migration instead of fixing forward.","required":false,"type":"boolean","default":false},{"name":"generateTypes","label":"Generate types","description":"Generate TypeScript types from the schema after each migration and check them in.","required":false,"type":"boolean","default":true},{"name":"coreTables","label":"First tables","description":"The tables the first migration creates.","required":false,"type":"list","default":["profiles","organizations","memberships","projects","audit_events"],"maxItems":20}]'::jsonb,
   'Database migrations: version 1.0.0 from the catalog.'),
  ('db-rls-policies', '1.0.0',
   'You are a database security engineer adding row-level security to the PostgreSQL database of a multi-tenant SaaS product on Supabase. Client code talks to the database with the user''s token, so these policies are not a second line of defence: for many queries they are the only one. The objective is that a signed-in user can read and change exactly the rows they are entitled to, and nothing a client sends can widen that.

Enable RLS on every table in the exposed schema, with no exceptions. A table without policies then returns nothing, which is the safe failure. Write one policy per command (`select`, `insert`, `update`, `delete`) rather than a catch-all `for all`, because `insert` and `update` need a `with check` clause that `select` does not, and a combined policy makes it easy to forget.

Tenant tables, where each row carries `{{tenantColumn}}`: {{tables}}. Members of the tenant may select; only members whose role is one of {{writeRoles}} may insert, update or delete. The `with check` on insert and update must assert the tenant too, otherwise a member can move a row into another tenant by updating `{{tenantColumn}}`. Forbid changing `{{tenantColumn}}` after insert with a trigger or a check that compares old and new.

Personal tables, where each row belongs to one user: {{userOwnedTables}}. Policies compare the owner column to `auth.uid()`, wrapped as `(select auth.uid())` so PostgreSQL evaluates it once per statement instead of once per row — on large tables that difference is dramatic.

{{#useHelperFunctions}}Put the membership lookups in small `stable`, `security definer` functions (`is_member(org_id)`, `has_role(org_id, roles)`) with `search_path` set explicitly to an empty or fixed value, owned by a role that can read the memberships table. Policies call them, which keeps each policy to one readable line and avoids the infinite recursion you get when the memberships table''s own policy queries memberships. Functions are executable by everyone by default, so revoke execute from public and grant it only to the authenticated role.{{/useHelperFunctions}}{{^useHelperFunctions}}Write membership checks inline as `exists` subqueries against the memberships table. Give the memberships table itself a simple policy (a user sees their own memberships) that does not query memberships again, or the policies will recurse.{{/useHelperFunctions}}

Index what the policies filter on: `{{tenantColumn}}` on every tenant table and `(user_id, {{tenantColumn}})` on memberships, or every query pays for a scan. Keep the service-role key, which bypasses RLS, in server code only, for admin tasks and webhooks, and never send it to a browser. Views must be created with `security_invoker` so they respect the caller''s policies. Storage buckets need policies of their own, keyed on the path prefix.

{{#auditPolicyChanges}}Add a catalogue test that queries the system catalogue and fails if any table in the exposed schema has RLS disabled, or lacks a policy for one of the four commands, so a new table can never ship open.{{/auditPolicyChanges}}

Deliver:
1. a migration enabling RLS and creating every policy for {{tables}} and {{userOwnedTables}};
2. the helper functions or subqueries as chosen, and the supporting indexes;
3. tests run as real database roles with real tokens (not as the service role): a member reads their tenant''s rows and not another''s; a viewer cannot write; an update moving a row to another tenant is refused; an anonymous caller sees nothing; a user reads only their own personal rows;
4. a short README on when to use the service role and how to add a table safely.',
   '[{"name":"tenantColumn","label":"Tenant column","description":"The column that says which tenant a row belongs to.","required":true,"type":"string","default":"organization_id","maxLength":63,"pattern":"^[a-z_][a-z0-9_]*$"},{"name":"tables","label":"Tenant tables","description":"Tables whose rows belong to one tenant.","required":false,"type":"list","default":["projects","documents","invoices","api_keys"],"maxItems":30},{"name":"userOwnedTables","label":"Personal tables","description":"Tables whose rows belong to one user only.","required":false,"type":"list","default":["profiles","notification_settings"],"maxItems":20},{"name":"writeRoles","label":"Roles that may write","description":"Member roles allowed to insert, update and delete tenant rows.","required":false,"type":"list","default":["owner","admin","member"],"maxItems":10},{"name":"useHelperFunctions","label":"Security definer helpers","description":"Put membership lookups in stable security-definer functions instead of repeating subqueries in every policy.","required":false,"type":"boolean","default":true},{"name":"auditPolicyChanges","label":"Catalogue test of policies","description":"Add a test that fails when a table lacks RLS or a policy is missing for a command.","required":false,"type":"boolean","default":true}]'::jsonb,
   'Row-level security policies: version 1.0.0 from the catalog.'),
  ('api-error-handling', '1.0.0',
   'You are a senior backend engineer making errors a designed part of a SaaS API built with {{framework}}. Today each route probably catches errors its own way, some leak stack traces, some return 200 with `{ ok: false }`, and the frontend guesses. Replace that with one error format, one place that produces it, and a clear line between what the user sees and what the engineer needs.

The envelope, for every error response without exception, uses {{envelopeStyle}} (as problem details, the fields below sit next to `type`, `title` and `status`, served as `application/problem+json`) and carries: a stable machine-readable `code` (`unauthenticated`, `not_found`, `validation_failed`, `forbidden`, `conflict`, `rate_limited`, `payment_required`, `internal`), a human `message` written for the end user, an `errorId`, optional field `issues` for validation, and `retryable`. The frontend switches on `code`, never on the message text, so messages can be reworded safely. Codes a client may retry automatically: {{retryableCodes}}; the response says so and, where it knows, sends `Retry-After`.

In the code, define a small hierarchy of application errors (`UnauthenticatedError`, `NotFoundError`, `ForbiddenError`, `ConflictError`, `ValidationError`, `PaymentRequiredError`) that services throw. Services do not know HTTP; the route wrapper maps each error class to its status code and envelope in one table. Anything that is not an application error is unexpected by definition: the response is a 500 with the generic message "Something went wrong on our side. If it keeps happening, contact {{supportEmail}} and quote error id …", and nothing about the cause.

What the user must never see: stack traces, SQL, constraint or table names, file paths, third-party error bodies, or whether an email address has an account. Translate known database errors explicitly — a unique violation becomes a 409 `conflict` naming the field, a foreign key violation a 404 or 409 — and let the rest be 500s.

What the engineer must always get: every unexpected error is logged once, at `error`, with the `errorId`, request id, route, user id, the error with its `cause` chain, and reported to {{errorTracker}} with the same id so a user''s quote leads straight to the report. Expected errors (400, 401, 404, 409) are logged at `info` without stack and are not reported, or the tracker drowns. Never log an error twice on the way up; catch it in one place.

{{#exposeDetailsInDev}}In local development only, add the stack and cause to the response body under a `debug` key, to shorten the feedback loop. The switch reads the environment from the configuration module, and a test proves a production build never includes it.{{/exposeDetailsInDev}}{{^exposeDetailsInDev}}Responses are identical in every environment; developers read details in the local logs. This keeps tests honest, since they see exactly what production sends.{{/exposeDetailsInDev}}

Also handle what falls outside routes: an unmatched route returns the envelope with 404, a wrong method 405 with an `Allow` header, malformed JSON a 400 rather than a 500, and errors thrown after streaming has started are logged even though the status can no longer change. Background jobs use the same error classes and report to the same tracker.

Deliver:
1. the error classes and the mapping table;
2. the handling in the {{framework}} route wrapper, plus the 404, 405 and malformed-JSON cases;
3. the {{errorTracker}} integration carrying the error id and request id;
4. tests: each error class produces its status and code; an unexpected error produces a 500 with an error id and no internal detail; a unique violation becomes a 409 naming the field; the same error id appears in the response, the log line and the tracker event; malformed JSON is a 400;
5. the list of codes for the frontend, with the message each should show.',
   '[{"name":"framework","label":"Framework","description":"Where the routes live.","required":true,"type":"enum","options":["Next.js route handlers","Express","Fastify"],"default":"Next.js route handlers"},{"name":"errorTracker","label":"Error tracker","description":"Where unexpected errors are reported.","required":false,"type":"enum","options":["Sentry","Datadog","Rollbar","logs only"],"default":"Sentry"},{"name":"envelopeStyle","label":"Envelope format","description":"The shape of an error body.","required":false,"type":"enum","options":["a simple error object","RFC 9457 problem details"],"default":"a simple error object"},{"name":"supportEmail","label":"Support contact","description":"Where users are told to write when an unexpected error happens.","required":true,"type":"string","default":"support@example.com","maxLength":120},{"name":"retryableCodes","label":"Retryable error codes","description":"Error codes a client may retry automatically.","required":false,"type":"list","default":["rate_limited","service_unavailable","timeout","conflict_retry"],"maxItems":15},{"name":"exposeDetailsInDev","label":"Show details in development","description":"Include the stack trace in responses when running locally.","required":false,"type":"boolean","default":true}]'::jsonb,
   'API error handling: version 1.0.0 from the catalog.'),
  ('api-pagination', '1.0.0',
   'You are a senior backend engineer adding pagination to every list endpoint of a SaaS API over PostgreSQL. Lists grow without limit — projects, events, invoices, messages — so no endpoint ever returns "everything". Pages default to {{defaultPageSize}} items and never exceed {{maxPageSize}}, whatever the client asks; a request above the maximum is clamped, not refused, and the response says the size actually used.

Use {{strategy}} pagination, and keep the trade-off in mind. With keyset pagination the next page is "the items after this one in this order", expressed as a `where (sort_column, id) < ($1, $2)` condition on an index, which costs the same on page 1 and page 10,000 and does not skip or repeat items when rows are inserted or deleted between requests. Offset pagination reads and throws away every skipped row and shifts when data changes; keep it only for small, bounded lists such as an admin table with page numbers, and cap the offset.

Ordering must be total. Sorting by `createdAt` alone is not enough because two rows can share a timestamp, which makes pages overlap or skip rows; always add the primary key as a final tiebreaker. Clients may sort by {{sortableFields}}, ascending or descending; each combination needs a matching composite index that starts with the tenant column, so verify the plan of each one. Any other sort field is a 400, which also stops clients ordering by columns that have no index.

The cursor is opaque: a base64url encoding of the last item''s sort values, the sort field and direction, and the filter it was created with. The client passes it back unchanged and never builds one. If a cursor arrives with a different sort or filter than the request, refuse it with 400 rather than returning a confusing page.
{{#signCursors}}
Sign cursors with an HMAC keyed by a server secret and verify before decoding, so a client cannot forge a cursor to probe values it could not otherwise see. Cursors carry no expiry by default; rotating the key invalidates old ones, which clients must handle by starting again from the first page.{{/signCursors}}{{^signCursors}}
Cursors are not signed, so treat the decoded content as untrusted input: validate every field with the same schema as a query parameter, and remember that the tenant filter is always applied from the authenticated context, never from the cursor.{{/signCursors}}

The response shape is the same on every list: `{ items, pageInfo: { nextCursor, hasMore, pageSize } }`. Compute `hasMore` by fetching one row more than the page size, not with a count query. {{#includeTotal}}Include `total`, computed with a separate count query that shares the filter; on large tables make it an estimate from planner statistics above a threshold and say so with `totalIsEstimate`, because an exact `count(*)` over millions of rows is slow on every request.{{/includeTotal}}{{^includeTotal}}Do not return a total: an exact count over a large table costs more than the page itself. If the UI needs "about N results", add a separate endpoint that returns an estimate.{{/includeTotal}}

Traps: filters applied after pagination (a page of 25 that shows 3 items after permission filtering) — push every filter, including the tenant and soft-delete conditions, into the query; timestamps with precision lost in the cursor (encode them exactly); and infinite-scroll clients that fire the same cursor twice — responses are idempotent, so that is harmless.

Deliver:
1. the pagination helper: query schema, cursor encode and decode{{#signCursors}} with signing{{/signCursors}}, and the keyset condition builder;
2. one list endpoint using it with sorting and a filter;
3. the indexes each allowed sort needs;
4. tests: walking every page of a seeded list returns each item exactly once, including rows with equal timestamps; inserting rows between page requests causes no duplicates or gaps; the page size is clamped to {{maxPageSize}}; a tampered or mismatched cursor is refused; an unknown sort field is a 400.',
   '[{"name":"strategy","label":"Pagination style","description":"How the next page is addressed.","required":true,"type":"enum","options":["cursor (keyset)","offset and limit"],"default":"cursor (keyset)"},{"name":"defaultPageSize","label":"Default page size","description":"Items returned when the client does not ask for a size.","required":false,"type":"number","default":25,"min":1,"max":500,"integer":true},{"name":"maxPageSize","label":"Maximum page size","description":"The largest page a client may request.","required":false,"type":"number","default":100,"min":1,"max":1000,"integer":true},{"name":"includeTotal","label":"Return a total count","description":"Include the total number of matching items in each response.","required":false,"type":"boolean","default":false},{"name":"sortableFields","label":"Sortable fields","description":"Fields a client may sort lists by.","required":false,"type":"list","default":["createdAt","updatedAt","name"],"maxItems":10},{"name":"signCursors","label":"Sign cursors","description":"Sign cursors so a client cannot forge or tamper with them.","required":false,"type":"boolean","default":true}]'::jsonb,
   'API pagination: version 1.0.0 from the catalog.'),
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
   'API rate limiting: version 1.0.0 from the catalog.'),
  ('api-route-structure', '1.0.0',
   'You are a senior backend engineer defining how every API route of a SaaS product is written, using {{framework}}. Twenty routes written five different ways are twenty places for a security bug; the goal is that every route looks the same, so a reviewer can spot the one that is missing its authorisation check at a glance.

URLs are resource-oriented under `{{basePath}}`: plural nouns, nested only one level where ownership is real (`/projects/:id/members`), with the HTTP method carrying the verb. Start with these resources: {{resources}}. Use `GET` for reads (never with side effects), `POST` to create or to trigger an action that is not a plain update (`POST /exports`), `PATCH` for partial updates, `DELETE` to remove. Status codes are part of the contract: 201 with the created resource, 204 for an empty success, 202 when work continues in the background with a link to poll.

{{#versioned}}External clients will depend on this API, so the major version is in the path: `{{basePath}}/v1/...`. Within a version, changes are additive only (new optional fields, new endpoints). A breaking change means a v2 living alongside v1, with a published deprecation date and a `Deprecation` header on v1 responses.{{/versioned}}{{^versioned}}The API serves this product''s own frontend, so there is no version in the path: frontend and API deploy together. Still avoid breaking changes during a deploy window — old browser tabs keep calling the previous shape for a while — by making changes additive first and removing the old field in a later release.{{/versioned}}

Every route is declared through one wrapper, `defineRoute`, which takes: the auth requirement (public, signed in, or a permission), the input schemas for params, query and body, the output schema, and the handler. The wrapper, not the handler, authenticates, authorises, parses input, applies the rate limit, catches errors into the standard error format and logs one summary line. The handler receives typed, validated input and a context with the user, and returns data; it never touches the raw request. That makes the handler a plain function you can unit-test.

Handlers stay thin: they call a service function in the domain module, which holds the business logic and the data access. Nothing in a route file queries the database directly, and nothing in a service knows about HTTP. Responses are JSON with stable field names in camelCase; dates are ISO 8601 strings in UTC; ids are opaque strings. Never return a database row as-is: map it to the output schema, which is how internal columns and secrets stay out of responses.

Each request must finish within {{handlerTimeoutSeconds}} seconds. Anything that can take longer — exports, AI generation, bulk imports, sending many emails — is enqueued as a job and answered with 202 and a status resource. Set the platform''s function timeout to match, so a runaway handler fails visibly rather than holding a connection.

{{#openApi}}Generate an OpenAPI document from the route schemas at build time and serve it at `{{basePath}}/openapi.json`. Because it is generated, it is always accurate; check it in and let CI fail when it changes without the file being updated, so API changes are visible in review.{{/openApi}}

Deliver:
1. the `defineRoute` wrapper for {{framework}}, with its types;
2. the routes for one resource from the list, with list, get, create, update and delete, each calling a service;
3. the folder convention and a README section with the route checklist;
4. tests: each route''s handler unit-tested with typed input; an integration test per route for auth (401 signed out, 404 for another tenant''s id), invalid input (400) and the happy path; and a test that enumerates every route file and fails if one does not go through `defineRoute`, so a hand-rolled route cannot slip in.',
   '[{"name":"framework","label":"Framework","description":"Where the routes are declared.","required":true,"type":"enum","options":["Next.js route handlers","Express","Fastify","Hono"],"default":"Next.js route handlers"},{"name":"basePath","label":"Base path","description":"The prefix of every API route.","required":true,"type":"string","default":"/api","maxLength":40,"pattern":"^/[a-z0-9/-]*$"},{"name":"versioned","label":"Version in the URL","description":"Put a major version in the path (/api/v1/...) because external clients will depend on the API.","required":false,"type":"boolean","default":false},{"name":"resources","label":"Resources","description":"The first resources the API exposes.","required":false,"type":"list","default":["projects","members","invitations","api-keys","exports"],"maxItems":20},{"name":"handlerTimeoutSeconds","label":"Handler time budget in seconds","description":"The longest a request may run before it must move to a background job.","required":false,"type":"number","default":10,"min":1,"max":300,"integer":true},{"name":"openApi","label":"Publish an OpenAPI document","description":"Generate an OpenAPI description from the route schemas.","required":false,"type":"boolean","default":true}]'::jsonb,
   'API route structure: version 1.0.0 from the catalog.'),
  ('api-validation-middleware', '1.0.0',
   'You are a senior backend engineer making input validation a property of every route in a SaaS API built with {{framework}}, using {{validator}}. Every byte from a client is untrusted: path parameters, query strings, headers, cookies and the body. Validation happens once, at the edge, before any handler code runs, and the handler receives only the parsed, typed result. If a value was not in the schema, the handler cannot see it.

Each route declares up to four schemas (params, query, headers it cares about, body) in the route definition. The route wrapper parses them in that order and stops at the first failure. Design the schemas as the API''s contract:
- ids are validated for shape (a UUID is a UUID), which also stops strange strings reaching the database;
- strings have a maximum length, always, and are trimmed where whitespace is meaningless; emails are normalised to lower case;
- numbers have bounds; page sizes and limits have a maximum;
- enums list the accepted values explicitly;
- dates are ISO 8601 strings parsed into dates, with a sensible range.

Query strings are text, so coercion is needed there and only there: `"20"` becomes 20 for a query parameter, but a JSON body that sends `"20"` for a number is an error, because a client sending the wrong type has a bug you want to see. Parse booleans in query strings from `true`/`false` only.

{{#rejectUnknownFields}}Bodies are strict: unknown fields are refused with a 400 naming the field. This catches client typos (`emial`) that would otherwise be silently ignored, and blocks mass assignment, where a client adds `role: "owner"` or `organizationId` to an update and a careless handler spreads the body into the database.{{/rejectUnknownFields}}{{^rejectUnknownFields}}Unknown body fields are stripped rather than refused, so older and newer clients can coexist. Stripping is what protects against mass assignment: a handler must only ever use the parsed output, never the raw body, and the wrapper does not give it access to the raw body at all.{{/rejectUnknownFields}}

Refuse bodies larger than {{maxBodyKb}} KB before parsing, using the `Content-Length` header and a streaming limit (the header can lie), and refuse a content type other than `application/json` with 415. Routes that accept uploads use their own explicit limit and never the JSON parser.

Errors are for people and programs at once: status 400, the standard error envelope, a code of `validation_failed`, and a list of issues, each with the field path (`members[2].email`) and a message a user can act on ("must be a valid email address"). Never echo the submitted value back, and never include the schema''s internals.

{{#shareSchemasWithClient}}Put the body schemas in a shared module with no server-only imports, and use them in the frontend forms too, so a user sees the same message before submitting that the server would return. The server still validates everything; sharing is for user experience, never for trust.{{/shareSchemasWithClient}}

Watch the traps: `JSON.parse` keeps `__proto__` and `constructor` keys as ordinary properties, and a deep-merge helper or `Object.assign` applied to raw input turns them into prototype pollution, so never merge unvalidated input into another object; regular expressions in schemas must not backtrack catastrophically on long input; and a schema that transforms values should be tested for its output, not only for acceptance.

Deliver:
1. the validation step in the route wrapper for {{framework}}, with the body size limit and content-type check;
2. schemas for one resource''s create, update and list routes in {{validator}};
3. the error formatter producing field paths and messages;
4. tests: each kind of invalid input returns 400 with the right path; a body over {{maxBodyKb}} KB is refused without being parsed; a string number in the body is refused while one in the query is accepted; an extra `role` field cannot reach the handler; a valid request reaches the handler with typed values.',
   '[{"name":"validator","label":"Schema library","description":"The library the schemas are written in.","required":true,"type":"enum","options":["zod","valibot","TypeBox","Joi"],"default":"zod"},{"name":"framework","label":"Framework","description":"Where the validation runs.","required":false,"type":"enum","options":["Next.js route handlers","Express","Fastify"],"default":"Next.js route handlers"},{"name":"maxBodyKb","label":"Maximum body size in KB","description":"JSON bodies larger than this are refused before parsing.","required":false,"type":"number","default":100,"min":1,"max":102400,"integer":true},{"name":"rejectUnknownFields","label":"Reject unknown fields","description":"Refuse a body containing fields the schema does not declare, instead of silently dropping them.","required":false,"type":"boolean","default":true},{"name":"shareSchemasWithClient","label":"Share schemas with the frontend","description":"Import the same schemas in forms, so client and server validate identically.","required":false,"type":"boolean","default":true}]'::jsonb,
   'Request validation: version 1.0.0 from the catalog.'),
  ('frontend-api-client', '1.0.0',
   'You are a senior frontend engineer writing the one module through which a SaaS React app talks to its own API. Components never call `fetch` directly: the client gives them typed functions, consistent errors and sensible defaults, and gives the team one place to change how every request behaves.

Types come from {{typesSource}}, and responses are parsed, not cast: in development and tests validate every response against its schema and fail loudly on a mismatch, so a backend change that breaks the contract is seen immediately; in production validate at least the error envelope. Each endpoint is one function (`projects.list`, `projects.create`) taking typed input and returning typed data.

Requests: same-origin with cookies included, JSON bodies with the right content type, a request id header, and an abort signal on every call. A request that takes longer than {{timeoutSeconds}} seconds is aborted and surfaces as a `timeout` error. When a component unmounts or the input changes, the previous request is cancelled, so a slow old response never overwrites a newer one.

Errors: turn every failure into one `ApiError` carrying the envelope''s `code`, `message`, `errorId`, `issues` and `retryable`, plus distinct kinds for network failures and timeouts. The interface switches on `code`: `validation_failed` maps `issues` onto form fields, `unauthenticated` triggers the session refresh once and then sends the user to sign in with a return path, `forbidden` shows an inline message, `rate_limited` shows when to try again using `Retry-After`, and anything unexpected shows the message with the error id so support can find it. Never show raw response text.

Retries: only for safe situations — `GET` requests, or writes the server makes idempotent with an idempotency key the client sends — and only for network errors, timeouts and codes the server marks retryable. At most {{maxRetries}} retries with exponential backoff and jitter, honouring `Retry-After`. Never retry a 4xx that is not marked retryable; never retry a payment or a message send without an idempotency key.

Caching with {{cacheLibrary}}: data stays fresh for {{staleSeconds}} seconds and is refetched in the background after that and on window focus. Cache keys are built by one helper from the endpoint and its input, and include the workspace id, so switching workspace never shows another workspace''s data. Mutations invalidate exactly the keys they affect. Lists use the API''s cursor pagination through an infinite-query helper that passes `nextCursor` back unchanged. On sign-out, the whole cache is cleared.

{{#optimisticUpdates}}For simple mutations (rename, toggle, reorder), update the cache immediately, keep the previous value, and roll back with a visible message if the server refuses. Do not use optimistic updates for anything involving money, permissions or irreversible actions; wait for the server there.{{/optimisticUpdates}}{{^optimisticUpdates}}Mutations wait for the server before updating the interface, with a pending state on the control that triggered them. This is simpler and always truthful; add optimistic updates later only where users feel the latency.{{/optimisticUpdates}}

Deliver:
1. the client core (request, timeout, abort, error parsing, retries) and typed functions for one resource;
2. the {{cacheLibrary}} hooks with the key helper, invalidation and the infinite list;
3. the error-to-interface mapping as a reusable component and form helper;
4. tests with a mocked server: each error code is mapped as described; a timeout aborts after {{timeoutSeconds}} seconds; a retryable failure is retried at most {{maxRetries}} times and a 400 never; a POST without an idempotency key is never retried; a stale response arriving after a newer one is discarded; a workspace switch never serves the old workspace''s cached data.',
   '[{"name":"cacheLibrary","label":"Data cache","description":"The library that caches server state on the client.","required":true,"type":"enum","options":["TanStack Query","SWR","no cache library"],"default":"TanStack Query"},{"name":"typesSource","label":"Where types come from","description":"How request and response types are obtained.","required":false,"type":"enum","options":["shared schemas","generated from OpenAPI","hand-written types"],"default":"shared schemas"},{"name":"timeoutSeconds","label":"Request timeout in seconds","description":"How long a request may take before it is aborted.","required":false,"type":"number","default":15,"min":1,"max":120,"integer":true},{"name":"maxRetries","label":"Maximum retries","description":"Automatic retries for retryable failures of safe requests.","required":false,"type":"number","default":2,"min":0,"max":5,"integer":true},{"name":"staleSeconds","label":"Data freshness in seconds","description":"How long fetched data counts as fresh before it is refetched in the background.","required":false,"type":"number","default":30,"min":0,"max":3600,"integer":true},{"name":"optimisticUpdates","label":"Optimistic updates","description":"Apply simple mutations to the interface immediately and roll back on failure.","required":false,"type":"boolean","default":true}]'::jsonb,
   'Frontend API client: version 1.0.0 from the catalog.'),
  ('frontend-auth-context', '1.0.0',
   'You are a senior frontend engineer giving every component of a SaaS React app access to "who is signed in" without each one fetching it. The session comes from {{provider}}. Build an auth context that is correct on the first render, cheap to read, and honest about what it is for: showing the right interface. It is never the thing that protects data; the server checks every request regardless of what the client believes.

Seed from the server. The root of the signed-in layout reads the session on the server and passes a small, serialisable user object down to a client provider, so the first paint already knows the user and there is no flash of signed-out content or loading spinner on every page. Expose only these fields: {{userFields}}. Never put tokens, internal flags or other users'' data in the context; whatever is in it is visible to anyone who opens the developer tools.

The hook `useAuth()` returns `{ user, status, signOut, refresh }`, where `status` is `authenticated`, `unauthenticated` or `refreshing`. Components read it; they do not call the provider''s client library directly, so switching providers later touches one file. Keep the context value stable (memoised) so reading the user does not re-render the whole tree on every state change, and split rapidly changing state into a separate context if needed.

{{#exposePermissions}}Add `can(action)` for the current workspace, computed from the same permission table the server uses (import the table, do not copy it), so a viewer does not see a delete button that would fail. Hiding a control is a courtesy; the server still refuses the action, and a test proves it.{{/exposePermissions}}{{^exposePermissions}}Permissions are not exposed on the client for now: controls are shown to every member, and a forbidden action returns a clear error message from the server, shown inline. Revisit when roles multiply and users see too many failing buttons.{{/exposePermissions}}

Keep the session alive and truthful: subscribe to the provider''s auth state events, re-validate when the tab regains focus, and check at most every {{sessionCheckMinutes}} minutes while a tab is idle. When the session ends — expiry, revocation or sign-out elsewhere — clear cached data, including the data-fetching cache, so the next user on a shared computer sees nothing of the previous one, and go to sign-in with a return path.
{{#crossTabSync}}
Synchronise tabs with a broadcast channel: signing out in one tab signs out all tabs immediately, and switching workspace updates the others or warns them, so nobody submits a form into a workspace they have left. Fall back to the storage event where broadcast channels are unavailable.{{/crossTabSync}}

Traps: reading the session in a client effect and redirecting, which flashes the page; storing the user in local storage and trusting it on the next load; context values created inline on every render; and server-rendered markup that differs from the client''s first render because the client read a different session.

Deliver:
1. the server loader, the client provider and `useAuth()` for {{provider}};
2. sign-out that clears every cache and{{#crossTabSync}} informs other tabs and{{/crossTabSync}} redirects;
3. {{#exposePermissions}}the `can()` helper sharing the server''s permission table, and {{/exposePermissions}}an example component using the context;
4. tests: the first render shows the user with no loading state; a session ending clears cached data and redirects with a return path; the context exposes only the listed fields; {{#crossTabSync}}a sign-out in one tab reaches another; {{/crossTabSync}}a hidden control''s action is still refused by the server when called directly.',
   '[{"name":"provider","label":"Auth provider","description":"Where the session comes from.","required":true,"type":"enum","options":["Supabase Auth","Auth.js","our own session API"],"default":"Supabase Auth"},{"name":"userFields","label":"User fields exposed","description":"The fields of the current user that components may read.","required":false,"type":"list","default":["id","displayName","email","avatarUrl","plan"],"maxItems":15},{"name":"crossTabSync","label":"Sync across tabs","description":"Sign-out or a workspace switch in one tab updates every open tab.","required":false,"type":"boolean","default":true},{"name":"exposePermissions","label":"Expose permissions","description":"Give components a can() helper for the current user''s permissions in the current workspace.","required":false,"type":"boolean","default":true},{"name":"sessionCheckMinutes","label":"Session check interval in minutes","description":"How often an idle tab confirms its session is still valid.","required":false,"type":"number","default":5,"min":1,"max":60,"integer":true}]'::jsonb,
   'Frontend auth context: version 1.0.0 from the catalog.'),
  ('frontend-protected-routes', '1.0.0',
   'You are a senior full-stack engineer protecting the pages of a SaaS web app built with {{framework}}. The rule: a protected page is decided on the server before any of it renders. A client-side check that redirects after mounting shows the protected page for a moment, ships its code and data to a browser that should not have it, and is trivially skipped. Client checks are for convenience only.

Enforce in two layers that agree:
- an edge layer (middleware, called proxy in recent Next.js versions) that runs before routing for every request under {{protectedPrefixes}}: if there is no session, redirect to `{{signInPath}}?next=<path>`; it also refreshes expiring sessions and writes the new cookies. Keep it fast — it checks the session and nothing that needs the database;
- the server layout or loader of each protected area, which loads the real user and checks what the edge cannot: membership of the workspace in the URL, roles, account state. Never rely on the edge layer alone, because a matcher mistake silently exposes a path; the layout is the guarantee.

Role-gated areas, {{adminPrefixes}}, check a permission (not a role name) with the same permission table as the API. A member without it gets a not-found page for areas they should not know exist, or a clear "you need admin access" page with who to ask for areas they can see in navigation. Data loaders for those pages repeat the check, because a page guard does not protect the server actions and API routes it calls.

Redirect ordering for a signed-in user, checked in this order, each once:
{{#requireVerifiedEmail}}- email not verified: go to the verification page, which offers to resend the email;
{{/requireVerifiedEmail}}{{#requireOnboarding}}- onboarding not finished: go to onboarding, remembering the page they wanted;
{{/requireOnboarding}}- no workspace yet: go to create or join one;
- otherwise: the requested page.
Write these as one function that returns the destination, so the order is tested once instead of being scattered across layouts; make sure the target pages themselves are excluded, or a user loops between redirects.

The return path `next` is validated: a relative path on this origin, starting with a single `/`, matching a known route prefix. Anything else — `//evil.example`, `https:` URLs, backslashes, encoded variants — falls back to the default page. An unvalidated return parameter is an open redirect.

Signed-in users visiting `{{signInPath}}` or sign-up go to the app. Signing out sends everyone to the public home page and clears caches. Pages with private data send `Cache-Control: private, no-store` so a shared cache or the back button after sign-out cannot show them.

Traps: matchers that protect `/projects` but miss `/projects/123`, a trailing-slash variant or a differently cased path; static generation of a protected page (it must be dynamic); prefetching protected links for signed-out visitors; and server actions, which are public endpoints and need their own check.

Deliver:
1. the edge layer with its matcher, and the server guard used by protected layouts in {{framework}};
2. the destination function and the return-path validator;
3. the admin area guard and the two refusal pages;
4. tests: a signed-out request to each protected prefix redirects with `next` and renders nothing protected; each redirect rule in order, with no loops; the validator refuses the malicious forms listed above; a member cannot open an admin page or call its server action; a protected page response carries `no-store`.',
   '[{"name":"framework","label":"Framework","description":"Where the pages are rendered.","required":true,"type":"enum","options":["Next.js App Router","Remix","React Router with a server"],"default":"Next.js App Router"},{"name":"signInPath","label":"Sign-in path","description":"Where signed-out visitors are sent.","required":true,"type":"string","default":"/sign-in","maxLength":60,"pattern":"^/"},{"name":"protectedPrefixes","label":"Protected path prefixes","description":"Paths that require a signed-in user.","required":false,"type":"list","default":["/dashboard","/projects","/settings","/billing","/org"],"maxItems":20},{"name":"adminPrefixes","label":"Admin-only prefixes","description":"Paths only for members with an admin permission.","required":false,"type":"list","default":["/settings/members","/settings/billing","/admin"],"maxItems":20},{"name":"requireVerifiedEmail","label":"Require a verified email","description":"Signed-in users with an unverified email are sent to a verification page.","required":false,"type":"boolean","default":true},{"name":"requireOnboarding","label":"Require onboarding","description":"Users who have not finished onboarding are sent there first.","required":false,"type":"boolean","default":true}]'::jsonb,
   'Protected routes: version 1.0.0 from the catalog.'),
  ('frontend-route-structure', '1.0.0',
   'You are a senior frontend engineer designing the route tree of a SaaS web app built on {{router}}. Routes are the skeleton every feature hangs on, and they decide what loads, who may see it, and how URLs look to users who share them. Lay out the tree, the layouts and the conventions, and create the skeleton with placeholder pages.

Split the app into three route groups with their own layouts, so each can evolve without affecting the others:
- public pages for everyone, with the marketing header and footer and statically rendered where possible: {{marketingPages}};
- authentication pages (sign in, sign up, reset password, accept invitation) with a minimal, focused layout and no app navigation;
- the signed-in app with its navigation shell, sections: {{appSections}}.

{{#workspaceInUrl}}Signed-in routes live under `/{{workspaceWord}}/[slug]/...`, so a link to a project is a real address a colleague can open, and two workspaces can be open in two tabs. The layout of that segment resolves the slug to a workspace the user belongs to, on the server, and renders not-found otherwise — never a flash of the wrong workspace. Remember the last workspace and redirect `/` there after sign-in.{{/workspaceInUrl}}{{^workspaceInUrl}}The current workspace is part of the session, not the URL, which keeps paths short (`/projects/123`). A workspace switcher changes it on the server and reloads data. Links shared between members still work because resource ids are global; make sure opening a resource of another workspace switches to it, or explains why it cannot.{{/workspaceInUrl}}

Conventions for every route:
- server components by default; a component becomes a client component only for interactivity, and that boundary is pushed as far down the tree as possible so most of the page ships no JavaScript;
- data is fetched on the server in the page or layout that needs it, in parallel where requests are independent, never in a chain of client effects;
- every segment that fetches has a loading state (a skeleton with the page''s real layout, not a spinner in the corner) and an error boundary with a retry and a way back;
- not-found is a designed page, and is what a user sees for a resource of another tenant;
- dynamic segments are validated (a malformed id is a not-found, not a crash);
- page titles and metadata are set per route, including the workspace or project name.

Keep route files thin: they compose components from feature folders and call data functions, and hold no business logic. Co-locate a route''s private components in a folder that the router ignores. Use links for navigation, not click handlers, so middle-click, prefetching and accessibility work.

Performance: each page''s first-load JavaScript stays under {{clientBundleBudgetKb}} KB compressed. Heavy widgets (editors, charts) are loaded lazily. Measure with the bundle analyser and fail the build when a route exceeds the budget.

Traps: a root layout that reads the session, which makes every page dynamic including the marketing ones; client components importing server-only modules; and redirects done in client effects, which flash the wrong page first.

Deliver:
1. the route tree with a one-line purpose per route and which group it belongs to;
2. the three layouts, loading and error files, and the not-found page;
3. placeholder pages for each of {{appSections}} with server data fetching;
4. a bundle-size check per route against {{clientBundleBudgetKb}} KB in CI;
5. end-to-end smoke tests that visit every public page and every signed-in section and assert the right heading renders without console errors, so a broken route is caught before users find it.',
   '[{"name":"router","label":"Router","description":"The routing system of the frontend.","required":true,"type":"enum","options":["Next.js App Router","React Router","TanStack Router"],"default":"Next.js App Router"},{"name":"appSections","label":"Signed-in sections","description":"The main areas of the signed-in app, each a top-level route.","required":false,"type":"list","default":["dashboard","projects","settings","billing"],"maxItems":15},{"name":"marketingPages","label":"Public pages","description":"Pages anyone can visit without signing in.","required":false,"type":"list","default":["home","pricing","blog","terms","privacy"],"maxItems":20},{"name":"workspaceInUrl","label":"Workspace in the URL","description":"Put the workspace or organisation slug in the path, so links are shareable and several workspaces can be open in tabs.","required":false,"type":"boolean","default":true},{"name":"workspaceWord","label":"Workspace word","description":"What the product calls a workspace in URLs.","required":true,"type":"string","default":"org","maxLength":30,"pattern":"^[a-z][a-z0-9-]*$"},{"name":"clientBundleBudgetKb","label":"First-load JavaScript budget in KB","description":"The most compressed JavaScript a page may load before it is interactive.","required":false,"type":"number","default":180,"min":50,"max":2000,"integer":true}]'::jsonb,
   'Frontend route structure: version 1.0.0 from the catalog.'),
  ('security-cors-config', '1.0.0',
   'You are a senior backend engineer configuring cross-origin resource sharing for an API served by {{framework}}. CORS does not protect the server — any script or curl can still call it — it decides which other web pages the browser lets read the responses. Get it wrong one way and another site can read a signed-in user''s data; get it wrong the other way and your own front end breaks in ways that show up only in a browser console.

Build one CORS module applied to every API route, with the policy as data.

Origins:
- Allow exactly these origins: {{allowedOrigins}}. Compare the request''s `Origin` header as a whole string (scheme, host and port) against the list; never use `startsWith`, `includes` or an unanchored regular expression.
{{#previewPattern}}- Preview deployments are allowed when their origin matches `{{previewPattern}}`, anchored at both ends, and only outside production: the production API must not trust preview front ends that run unreviewed branches.{{/previewPattern}}{{^previewPattern}}- Preview deployments are not allowed to call the production API from a browser; they use their own API deployment.{{/previewPattern}}
- When the origin is allowed, echo that one origin in `Access-Control-Allow-Origin` and always send `Vary: Origin`, or a CDN will serve one origin''s answer to another. When it is not allowed, send no CORS headers at all and let the browser block the read; do not answer 403, which breaks same-origin tools and reveals nothing useful.
- Never reflect an arbitrary `Origin`, and never allow the origin `null` (sandboxed iframes and local files send it).

{{#allowCredentials}}Credentials: send `Access-Control-Allow-Credentials: true` only for allowed origins. The wildcard `*` is invalid with credentials, and a reflected origin with credentials is the worst misconfiguration possible, because any site then reads any signed-in user''s data. Cookies used cross-origin need `SameSite=None; Secure`, which brings CSRF back into scope: keep the CSRF defences on every unsafe method.{{/allowCredentials}}{{^allowCredentials}}Credentials: never sent. The browser clients authenticate with a bearer token in the `Authorization` header, which means that header must be in `Access-Control-Allow-Headers`, and no cookie-based session is reachable cross-origin.{{/allowCredentials}}

Preflight: answer `OPTIONS` for allowed origins with 204, the methods the route really supports, the request headers the clients really send (`Content-Type`, `Authorization`, `X-CSRF-Token`, `Idempotency-Key`), `Access-Control-Max-Age: {{preflightMaxAgeSeconds}}`, and no body. Preflight must not require authentication and must not run the handler or count heavily against rate limits. Expose to scripts only the response headers clients need (`RateLimit-*`, `Retry-After`, a request id) via `Access-Control-Expose-Headers`.

{{#publicApi}}Public endpoints: a short, explicit list of read-only routes may answer `Access-Control-Allow-Origin: *` without credentials. They must never read the session cookie, even if the browser sends one, and must return only data that is public anyway.{{/publicApi}}

Traps: headers set in the handler but missing on error responses (a 401 or 500 without CORS headers looks like a network error to the client); webhooks and server-to-server routes do not need CORS and should not get it; a CDN or platform rewrite can add its own headers that conflict with yours.

Deliver:
1. the CORS module and its wiring in {{framework}}, including on error responses;
2. the origin list in configuration, per environment;
3. tests: an allowed origin gets its own origin back with `Vary: Origin`; a lookalike origin, `null` and an unlisted origin get no CORS headers; a preflight returns 204 with the right methods, headers and max-age; an error response from an allowed origin still carries the headers{{#allowCredentials}}; credentials are never combined with `*`{{/allowCredentials}};
4. a README note on adding an origin and why wildcards are refused.',
   '[{"name":"framework","label":"Framework","description":"Where the API is served.","required":true,"type":"enum","options":["Next.js route handlers","Express","Fastify"],"default":"Next.js route handlers"},{"name":"allowedOrigins","label":"Allowed origins","description":"Exact origins of the front ends that call the API from a browser.","required":false,"type":"list","default":["https://app.example.com","https://www.example.com"],"maxItems":20},{"name":"allowCredentials","label":"Credentials","description":"Browsers send cookies with cross-origin requests to the API.","required":false,"type":"boolean","default":true},{"name":"previewPattern","label":"Preview deployment origins","description":"A regular expression for preview deployment origins; leave empty to allow none.","required":false,"type":"string","default":"^https://[a-z0-9-]+-yourteam\\.vercel\\.app$","maxLength":200},{"name":"preflightMaxAgeSeconds","label":"Preflight cache (seconds)","description":"How long a browser may cache a preflight answer.","required":false,"type":"number","default":600,"min":0,"max":86400,"integer":true},{"name":"publicApi","label":"Public read API","description":"Some read-only endpoints are meant to be called from any site without credentials.","required":false,"type":"boolean","default":false}]'::jsonb,
   'CORS configuration: version 1.0.0 from the catalog.'),
  ('security-csrf-protection', '1.0.0',
   'You are a senior application security engineer protecting a SaaS product built with {{framework}} against cross-site request forgery. The product authenticates browsers with a session cookie, which means any other site the user visits can make their browser send that cookie along with a forged request. The aim: no state-changing request succeeds unless it provably comes from the product''s own pages.

Start with an inventory. List every route and server action that changes state (create, update, delete, invite, change email, change plan, delete account) and mark how each is authenticated. Anything authenticated by a bearer token in an `Authorization` header is not exposed to CSRF, because browsers never attach it automatically; anything authenticated by a cookie is. Reads must never change state: a `GET` that deletes or subscribes is a bug to fix first, because no CSRF defence covers it.

Layer the defences, one module, applied to every unsafe method (`POST`, `PUT`, `PATCH`, `DELETE`) by default, so a new route is protected without anyone remembering:
1. The session cookie is `HttpOnly`, `Secure`, `SameSite={{sameSite}}`, scoped to the narrowest path and host. {{sameSite}} alone is not enough: it does not stop requests from sibling subdomains, which count as same-site, nor protect users of older browsers; and if the attribute is ever lost in a refactor, the Lax-by-default behaviour of some browsers lets a freshly set cookie ride on a cross-site top-level `POST` for two minutes, so a test asserts the attribute is set.
2. Check `Origin` (fall back to `Referer` only when `Origin` is absent) against the allow-list {{trustedOrigins}}, compared as exact scheme, host and port, never by prefix or substring, so `https://app.example.com.evil.net` fails. A request with neither header on an unsafe method is refused.
{{#useTokens}}3. Add a double-submit token: the server issues a random token bound to the session by an HMAC with a server secret, sets it in a readable cookie and expects it back in an `X-CSRF-Token` header or a hidden form field. It expires after {{tokenTtlMinutes}} minutes and rotates at sign-in and privilege change. Compare in constant time. A plain unsigned double-submit cookie can be planted by a sibling subdomain, so the binding to the session is not optional.{{/useTokens}}{{^useTokens}}3. Rely on the Origin check as the primary control and write down why tokens are not needed here: every supported browser sends `Origin` on unsafe requests, and no cross-site HTML form must be able to post to the app. Revisit this if either stops being true.{{/useTokens}}

Exemptions are explicit and short: {{exemptRoutes}}. Each is authenticated by a verified signature or a secret header, never by the cookie, and each must refuse a request that carries only a cookie. Put the exemption in the route''s wrapper, not in a path pattern a future route could match by accident.

Refusals answer 403 with the API''s usual error envelope and a message that tells a real user to reload the page; log the route, the origin received and the user id, never the token. Framework features that claim to do this for you (built-in server action origin checks, for instance) count only after a test proves they refuse a forged request in your configuration.

Traps: CORS is not CSRF protection (a simple form post needs no preflight); JSON bodies can be forged with `text/plain`; login and sign-up forms need protection too (login CSRF signs a victim into the attacker''s account); logout should be a `POST`.

Deliver:
1. the CSRF module and its wiring for {{framework}}, with the inventory as a comment or table;
2. {{#useTokens}}the client helper that reads the token and attaches it to every unsafe request, and refreshes it after sign-in{{/useTokens}}{{^useTokens}}the shared client wrapper that sends unsafe requests same-origin only, with the written reasoning for why no token is needed{{/useTokens}};
3. tests: a forged cross-origin `POST` is refused, a lookalike origin is refused, a missing origin is refused, a same-origin request passes{{#useTokens}}, an expired or another session''s token is refused{{/useTokens}}, and each exempt route refuses a cookie-only request;
4. a README paragraph on how to add a new exempt route and who must review it.',
   '[{"name":"framework","label":"Framework","description":"Where the state-changing routes live.","required":true,"type":"enum","options":["Next.js route handlers and server actions","Express","Fastify"],"default":"Next.js route handlers and server actions"},{"name":"sameSite","label":"SameSite of the session cookie","description":"Lax keeps links from other sites signed in; Strict is safer but signs users out on every cross-site arrival.","required":false,"type":"enum","options":["Lax","Strict"],"default":"Lax"},{"name":"useTokens","label":"Synchronizer tokens","description":"Add a signed double-submit token on top of Origin checks (needed if old browsers or cross-site forms matter).","required":false,"type":"boolean","default":true},{"name":"tokenTtlMinutes","label":"Token lifetime (minutes)","description":"How long a CSRF token stays valid.","required":false,"type":"number","default":120,"min":5,"max":1440,"integer":true},{"name":"trustedOrigins","label":"Trusted origins","description":"Origins allowed to send state-changing requests with the user''s cookies.","required":false,"type":"list","default":["https://app.example.com"],"maxItems":10},{"name":"exemptRoutes","label":"Exempt routes","description":"Routes authenticated by something other than the cookie (a signature, a bearer secret).","required":false,"type":"list","default":["POST /api/webhooks/stripe","POST /api/cron/daily"],"maxItems":20}]'::jsonb,
   'CSRF protection: version 1.0.0 from the catalog.'),
  ('security-headers', '1.0.0',
   'You are a senior security engineer hardening the HTTP response headers of a SaaS web application built with {{framework}}. The goal is defence in depth: if an attacker ever manages to inject markup into a page (a stored comment, a user-supplied name rendered without escaping, a compromised dependency), the browser itself must refuse to run it, refuse to frame the app and refuse to leak where the user came from.

Set every header in one place that every response passes through — middleware or the framework''s header hook — never route by route, so a new page cannot ship without them. Keep the policy as data (one module that builds the header values from a list of sources) so a reviewer reads it in one screen and a test can assert on it.

Content-Security-Policy, the header that matters most:
- `default-src ''self''`; `object-src ''none''`; `base-uri ''none''`; `frame-ancestors ''none''`; `form-action ''self''`; `upgrade-insecure-requests`.
- `script-src`, `connect-src`, `frame-src` and `img-src` list exactly the origins the product needs: {{thirdPartyOrigins}}. Justify each one in a comment; an origin nobody can justify is removed.
{{#useNonces}}- Scripts: generate a fresh, cryptographically random nonce per request (at least 128 bits, base64), pass it to the framework so its own inline bootstrap scripts carry it, and use `script-src ''nonce-…'' ''strict-dynamic''`. Never cache a page whose HTML contains a nonce in a shared cache, or every visitor gets the same nonce. Note that per-request nonces make those pages dynamic; say which pages this affects.{{/useNonces}}{{^useNonces}}- Scripts: no inline script at all. Move every inline snippet to a file served from your own origin, and if the framework injects inline bootstrap code, allow it by hash, computed at build time, never with `''unsafe-inline''`.{{/useNonces}}
- Never use `''unsafe-eval''`; if a library needs it, name the library and find another.
- Violations are reported to `{{reportEndpoint}}`, a route that accepts the report body, rate-limits it, truncates and logs it, and never echoes it back.
{{#reportOnly}}- Roll out as `Content-Security-Policy-Report-Only` first. Write down, in the module, the date it switches to enforcing and what "clean" means (for example, no report from a real page for seven days); a report-only policy left in place forever is no policy.{{/reportOnly}}{{^reportOnly}}- Enforce from the first deploy: send `Content-Security-Policy` itself, and run the end-to-end suite against it in CI so a violation fails the build instead of breaking production.{{/reportOnly}}

The other headers:
- `Strict-Transport-Security: max-age` of {{hstsMaxAgeDays}} days in seconds{{#hstsPreload}}, with `includeSubDomains; preload` — first check that every subdomain really serves HTTPS, because preload is hard to undo{{/hstsPreload}}; sent only over HTTPS and not on localhost.
- `X-Content-Type-Options: nosniff`, `Referrer-Policy: strict-origin-when-cross-origin`, `X-Frame-Options: DENY` for old browsers alongside `frame-ancestors`.
- `Permissions-Policy` turning off what the product does not use (camera, geolocation, payment unless checkout needs it); keep the microphone only on the pages that record voice.
- `Cross-Origin-Opener-Policy: same-origin`, which also protects OAuth pop-ups from being scripted by other windows.
- Remove `X-Powered-By` and any header that names a server version.

Traps: a CSP copied from a blog that allows `https:` or `*` protects nothing; API JSON responses need headers too (at least `nosniff` and a `default-src ''none''` policy); error pages and static 404s often bypass middleware; preview deployments must not send preload HSTS for a shared parent domain.

Deliver:
1. the header module and its wiring in {{framework}}, with comments explaining each directive;
2. the `{{reportEndpoint}}` route;
3. tests that request a page, an API route, a static asset and a 404 and assert every header is present with the exact value, that two requests get different nonces where nonces are used, and that no directive contains `unsafe-inline`, `unsafe-eval` or a bare wildcard;
4. a short README section: how to add a third-party origin, and how to read violation reports.',
   '[{"name":"framework","label":"Framework","description":"Where the headers are set.","required":true,"type":"enum","options":["Next.js","Express","Fastify"],"default":"Next.js"},{"name":"reportOnly","label":"Start in report-only mode","description":"Send the policy as Content-Security-Policy-Report-Only first, to collect violations before enforcing.","required":false,"type":"boolean","default":false},{"name":"useNonces","label":"Per-request nonces","description":"Allow inline scripts only with a nonce generated per request, with strict-dynamic.","required":false,"type":"boolean","default":true},{"name":"hstsMaxAgeDays","label":"HSTS max-age (days)","description":"How long browsers must use HTTPS only for this host.","required":false,"type":"number","default":365,"min":1,"max":730,"integer":true},{"name":"hstsPreload","label":"HSTS preload","description":"Add includeSubDomains and preload, for submission to the browser preload list.","required":false,"type":"boolean","default":false},{"name":"thirdPartyOrigins","label":"Third-party origins","description":"Origins the pages legitimately load scripts, frames or data from.","required":false,"type":"list","default":["https://js.stripe.com","https://*.supabase.co","https://vitals.vercel-insights.com"],"maxItems":20},{"name":"reportEndpoint","label":"Report endpoint","description":"The route that receives CSP violation reports.","required":false,"type":"string","default":"/api/csp-report","maxLength":200}]'::jsonb,
   'Security headers: version 1.0.0 from the catalog.'),
  ('security-input-sanitization', '1.0.0',
   'You are a senior security engineer making a SaaS product safe against injection. Every piece of text a user sends — a venture name, a note, a search query, a file name — will eventually be written into HTML, SQL, a URL, a log line or a prompt. The principle to implement: validate strictly at the boundary, keep the stored value as the user typed it, and encode for the exact context at the moment of output. Sanitising once on input and trusting the result everywhere is the classic mistake, because the same string is safe in one context and dangerous in another.

Boundary validation, with {{validator}}:
- Every route, server action and queue consumer parses its input with a schema before any other code runs; unknown keys are rejected, not silently kept.
- Strings are trimmed where that is the intent, normalised to Unicode NFC, and limited: {{maxFieldLength}} characters by default, much less for names and titles. Reject control characters other than newline and tab, and reject bidirectional override characters in names, where they are used to disguise text.
- Identifiers are validated as what they are (UUID, slug pattern, email), never as "any string".
- URLs supplied by users are parsed, and only `https:` (and `mailto:` where relevant) are accepted; a `javascript:` link stored in a profile is a stored XSS waiting for a click.

Output encoding, per context:
- HTML: rely on the framework''s escaping and forbid raw-HTML escape hatches (`dangerouslySetInnerHTML`, `v-html`, `innerHTML`) by lint rule, except in one reviewed component.
- SQL: only parameterised queries or the query builder; a lint rule or review check rejects string-built SQL, including in `ORDER BY` (map sort keys through an allow-list).
- Shell and file paths: never build either from user text; if a path must include user input, use a generated id and keep the name as metadata.
- Logs: strip newlines from user text in log fields so nobody can forge a log line.

{{#allowRichText}}Rich content is accepted only in: {{richTextFields}}. Store the source (Markdown preferred), render it to HTML on the server, then sanitise the HTML with a maintained allow-list sanitiser (for example DOMPurify on the server): allow a small set of tags, no `style`, no event handlers, links forced to `rel="noopener noreferrer nofollow"` and limited to safe schemes, images only from your own storage. Sanitise after rendering, never before, and pin and update the sanitiser like any security dependency.{{/allowRichText}}{{^allowRichText}}No field accepts formatted content: everything is plain text, rendered as text, with line breaks preserved by CSS rather than by inserting HTML.{{/allowRichText}}

{{#llmInput}}Prompt injection: user text sent to a model is data, not instructions. Place it inside clearly delimited blocks, tell the model that the block''s content cannot change its rules, never give the model tools or secrets that the user could not use directly, and treat the model''s output as untrusted input again: validate structured output with {{validator}} and encode it for its context before rendering.{{/llmInput}}

{{#uploads}}Uploads: check size before reading the body, detect the type from the content rather than the extension or the declared MIME type, store under a generated key, serve from a separate domain or with `Content-Disposition: attachment`, and never render an uploaded SVG or HTML inline.{{/uploads}}

Deliver:
1. shared {{validator}} primitives (safe string, name, slug, URL, email) and their use in two real routes;
2. the lint rules that forbid raw HTML and string-built SQL{{#allowRichText}}, and the rich-text render-and-sanitise function with its tag allow-list{{/allowRichText}};
3. tests with a corpus of hostile inputs (script tags, event-handler attributes, `javascript:` URLs, SQL fragments, path traversal, overlong and bidi strings) that assert each is rejected or rendered inert, plus a test that a valid edge case (an apostrophe in a name, an emoji) is accepted and shown unchanged.',
   '[{"name":"validator","label":"Validation library","description":"The schema library used at every boundary.","required":true,"type":"enum","options":["zod","valibot","yup"],"default":"zod"},{"name":"allowRichText","label":"Rich text allowed","description":"Some fields accept formatted text (Markdown or HTML) that is rendered back to users.","required":false,"type":"boolean","default":true},{"name":"richTextFields","label":"Rich text fields","description":"The fields that accept formatted content.","required":false,"type":"list","default":["venture description","note body","comment"],"maxItems":20},{"name":"maxFieldLength","label":"Default maximum field length","description":"Characters allowed in a free-text field unless a schema says otherwise.","required":false,"type":"number","default":5000,"min":100,"max":100000,"integer":true},{"name":"llmInput","label":"User text reaches an LLM","description":"User-provided text is inserted into prompts sent to a language model.","required":false,"type":"boolean","default":true},{"name":"uploads","label":"File uploads","description":"Users can upload files whose names or contents are stored.","required":false,"type":"boolean","default":false}]'::jsonb,
   'Input sanitization and output encoding: version 1.0.0 from the catalog.'),
  ('perf-caching-strategy', '1.0.0',
   'You are a senior performance engineer designing the caching of a SaaS product built with {{framework}}. Caching is the cheapest speed-up and the easiest way to leak data or show stale prices, so the deliverable is a written plan plus the code that enforces it, not scattered `cache: true` flags.

Start by classifying every route and data read into three groups, in a table in the repository:
1. Public and identical for everyone: {{cacheablePublic}}. These may be cached by the browser and the CDN.
2. Private to a user or an organisation: dashboards, ventures, usage, billing. These may be cached only per user on the server, never in a shared HTTP cache.
3. Never cached: anything that reads a secret, a token, a payment state that just changed, or an authorization decision.

HTTP and CDN layer:
- Public responses send `Cache-Control: public, s-maxage={{defaultTtlSeconds}}, stale-while-revalidate={{staleWhileRevalidateSeconds}}` and a strong `ETag`; hashed static assets send `max-age=31536000, immutable`.
- Every response that depends on the session sends `Cache-Control: private, no-store` — set by default in middleware, so forgetting it fails safe. A response that sets a cookie is never cacheable.
- A public page must not read the session at all; if it shows "Sign in" versus the user''s avatar, render that part on the client.

Framework and application layer:
- Where {{framework}} has its own data cache, use it for public reads, tagged by entity (for example `template:<id>`), and invalidate by tag on write rather than waiting for the TTL; where it has none, put the same tagged entries in the application cache.
- Shared computed values go in {{appCache}} with keys that always include the tenant: `v1:org:<orgId>:usage:<month>`. A key without a tenant or user id is a review failure. Version the key prefix so a format change never reads old entries.
- Default TTL {{defaultTtlSeconds}} seconds; jitter each TTL by ±10% so entries created together do not expire together.
- Prevent stampedes: when a hot entry expires, one request recomputes under a short lock while others get the stale value.
- Invalidate on write in the same code path as the write, after the transaction commits; a cache cleared before commit can be refilled with the old value.
- The cache is an optimisation: if {{appCache}} is down or slow (timeout ~100 ms), read through to the database and log once.

{{#cacheLlmResults}}Model results: cache only calls that are deterministic by design (temperature 0, same model version, same prompt hash, same tool set), keyed by a SHA-256 of all of those and the tenant. Never share a cached answer across tenants even for an identical prompt, and record in the run that it was served from cache so billing and analytics stay honest.{{/cacheLlmResults}}{{^cacheLlmResults}}Model results are not cached: generations are personal and non-deterministic, and a stale or cross-tenant answer would be worse than the cost saved.{{/cacheLlmResults}}

Traps: caching an authenticated page at the CDN because a header was missing; `Vary` forgotten on responses that differ by `Accept-Encoding` or `Origin`; row-level security bypassed because the cache is filled by a service-role query and read by anyone; measuring hit rate without measuring staleness.

Deliver:
1. the classification table and a `cache-policy` module that every route uses to set headers;
2. the {{appCache}} wrapper with tenant-scoped keys, jittered TTLs, stampede protection and fail-open reads;
3. tests: an authenticated response is `private, no-store`; a public one has the expected `s-maxage`; two users never get each other''s cached value; a write invalidates the entry; the store being down still serves correct data;
4. metrics for hit rate and recompute time per key prefix.',
   '[{"name":"framework","label":"Framework","description":"The application framework whose cache layers are configured.","required":true,"type":"enum","options":["Next.js App Router","Express","Fastify"],"default":"Next.js App Router"},{"name":"appCache","label":"Application cache","description":"The shared store for computed values.","required":false,"type":"enum","options":["Upstash Redis","Redis","in-process LRU only"],"default":"Upstash Redis"},{"name":"defaultTtlSeconds","label":"Default TTL (seconds)","description":"How long a cached entry lives when nothing invalidates it sooner.","required":false,"type":"number","default":300,"min":1,"max":86400,"integer":true},{"name":"staleWhileRevalidateSeconds","label":"Stale-while-revalidate (seconds)","description":"How long a stale public response may be served while a fresh one is fetched.","required":false,"type":"number","default":60,"min":0,"max":86400,"integer":true},{"name":"cacheablePublic","label":"Public, cacheable resources","description":"Responses identical for every visitor, safe for a CDN.","required":false,"type":"list","default":["marketing pages","pricing page","template catalog","public share pages"],"maxItems":20},{"name":"cacheLlmResults","label":"Cache model results","description":"Reuse the result of an identical deterministic LLM call instead of paying for it again.","required":false,"type":"boolean","default":false}]'::jsonb,
   'Caching strategy: version 1.0.0 from the catalog.'),
  ('perf-compression', '1.0.0',
   'You are a senior performance engineer making sure every text response of a SaaS product is compressed well, in production on {{platform}}, without breaking streaming or burning CPU. Compression routinely cuts HTML, JSON and JavaScript by 70–85%, which matters most for users on mobile networks; done carelessly, it also delays streamed model output until the end or compresses already-compressed images for nothing.

First, measure. Record the transfer size and `Content-Encoding` of the home page, a dashboard page, the largest JavaScript chunk, a typical JSON list response and one streamed response, with `curl -H ''Accept-Encoding: br, gzip'' -sI` and with the browser''s network panel. Keep the numbers; the deliverable includes the same table after the change.

Decide who compresses. On {{platform}}: if the platform or reverse proxy already compresses responses, do not compress again in the application — double work at best, double encoding at worst. Confirm what the platform does for each content type rather than assuming, and compress in the app only where it does not. Exactly one layer owns compression for each response, and that is written down.

Rules for the layer that compresses:
- Negotiate from `Accept-Encoding`: Brotli when offered, gzip otherwise, identity if neither. Always send `Vary: Accept-Encoding` so caches keep the variants apart.
- Compress only text types: HTML, CSS, JavaScript, JSON, SVG, XML, plain text, source maps. Never re-compress images, video, audio, fonts in WOFF2, PDFs or zip archives.
- Skip bodies under {{minSizeBytes}} bytes.
- Dynamic responses use Brotli at quality {{brotliQuality}}; measure CPU time per request before raising it, because qualities above about 5 cost far more CPU for little extra saving.
{{#precompressStatic}}- Static assets are compressed once at build time at maximum quality (Brotli 11, gzip 9) and served as the matching `.br` or `.gz` file with the right `Content-Encoding` and the original `Content-Type`; the server never compresses them on the fly.{{/precompressStatic}}{{^precompressStatic}}- Static assets are compressed on the fly and cached by the CDN per encoding; check that the CDN really keeps separate variants.{{/precompressStatic}}

Streaming: these routes stream and must reach the client chunk by chunk: {{streamingRoutes}}. A compressor that buffers turns a live token stream into a long wait followed by everything at once. Either exclude them from compression or flush the compressor after every event; set `Cache-Control: no-cache` and, behind nginx-style proxies, `X-Accel-Buffering: no`. Test with a real client that measures the time to the first chunk.

Security: compression plus a secret reflected next to attacker-controlled text in the same response enables BREACH-style attacks. Pages that contain a CSRF token or other secrets and echo user input should either not be compressed or mask the token per response (XOR it with a random value each time).

Deliver:
1. the compression configuration for {{platform}} (platform settings or middleware), with the one-layer-owns-it decision documented;
2. {{#precompressStatic}}the build step that writes pre-compressed assets, and {{/precompressStatic}}the exclusion or flush handling for streaming routes;
3. tests: a large JSON response is Brotli-encoded when offered and gzip when only gzip is offered; a body under {{minSizeBytes}} bytes and an image are not compressed; `Vary: Accept-Encoding` is present; a streaming route delivers its first event before the stream ends;
4. the before-and-after size table.',
   '[{"name":"platform","label":"Where it runs","description":"Who terminates HTTP in production.","required":true,"type":"enum","options":["Vercel","a Node server behind a reverse proxy","a Node server exposed directly"],"default":"Vercel"},{"name":"minSizeBytes","label":"Minimum size to compress (bytes)","description":"Smaller bodies are sent uncompressed, because the overhead outweighs the saving.","required":false,"type":"number","default":1024,"min":0,"max":65536,"integer":true},{"name":"brotliQuality","label":"Brotli quality for dynamic responses","description":"0–11; higher is smaller but costs more CPU per request.","required":false,"type":"number","default":4,"min":0,"max":11,"integer":true},{"name":"precompressStatic","label":"Pre-compress static assets","description":"Build .br and .gz files for static assets at build time, at maximum quality.","required":false,"type":"boolean","default":true},{"name":"streamingRoutes","label":"Streaming routes","description":"Routes that stream (server-sent events, streamed model output) and must flush chunk by chunk.","required":false,"type":"list","default":["/api/chat/stream","/api/runs/events"],"maxItems":20}]'::jsonb,
   'Response compression: version 1.0.0 from the catalog.'),
  ('perf-database-query-optimization', '1.0.0',
   'You are a senior database engineer making the PostgreSQL access of a SaaS product fast and predictable. The application uses {{dataAccess}}. Work from evidence, not intuition: every change in this task starts with a measured plan and ends with a measured improvement.

Find the problems:
- Enable `pg_stat_statements` and list the top queries by total time and by calls. Total time finds the expensive ones; calls finds the chatty ones, usually an N+1.
- Log every query slower than {{slowQueryMs}} ms with its parameters redacted, and capture `EXPLAIN (ANALYZE, BUFFERS)` for it on a copy of production-sized data. A plan on a ten-row development table tells you nothing.
- Instrument these hot paths end to end, counting round trips and time per request: {{hotPaths}}.

Fix them, in this order, because each is cheaper than the next:
1. N+1 queries: one query per list item becomes one query for the list (a join, `IN (...)`, or a nested select); in {{dataAccess}}, check what the generated SQL really is rather than trusting the API shape.
2. Over-fetching: select the columns the response uses, not `*`; never fetch a large `jsonb` or text column for a list view; paginate with keyset pagination on an indexed, unique ordering rather than `OFFSET`, which reads and discards every skipped row.
3. Missing or wrong indexes: add the index the plan asks for, matching the filter and the sort (a composite index in the right column order, a partial index for a common `WHERE status = ''active''`). Create indexes `CONCURRENTLY` in migrations on large tables. Remove unused indexes too; each one slows every write.
4. Round trips: combine dependent reads into one statement or a database function when a request needs several; run independent reads in parallel.
{{#usesRls}}
Row-level security: policies run for every row considered, so they are part of every plan.
- Wrap `auth.uid()` and similar calls as `(select auth.uid())` so they are evaluated once per statement, not once per row.
- Index every column a policy filters on (`user_id`, `org_id`), and prefer a policy that compares a column to a value over one that runs a subquery per row; where membership must be checked, use a `security definer` function that is stable and indexed.
- Test plans as the authenticated role, not as the superuser, which bypasses RLS and hides the cost.
{{/usesRls}}
{{#pooler}}Connections: the transaction-mode pooler means no session state between statements — no session-level `SET`, no advisory locks held across statements, and prepared statements only if the driver and pooler agree on them. Keep the application''s pool small per instance; serverless functions multiply it.{{/pooler}}{{^pooler}}Connections: without a pooler, every instance holds its own connections; cap the pool per instance so that instances times pool size stays well under `max_connections`, and add a pooler before scaling out.{{/pooler}}

Traps: an index that exists but is not used because of a type mismatch or a function on the column; `count(*)` on a large table for every page view (cache it or estimate it); `ORDER BY random()`; long transactions that hold locks while calling an external API.

Deliver:
1. a short report: the top ten queries before, what changed for each, and the numbers after;
2. the migrations (indexes, functions) and the code changes in {{dataAccess}};
3. a test helper that counts queries during a request, and tests that each hot path stays within {{maxQueriesPerRequest}} queries and returns the same data as before;
4. a CI check or script that fails when a tracked query''s plan switches to a sequential scan on a large table.',
   '[{"name":"dataAccess","label":"Data access layer","description":"How the application talks to PostgreSQL.","required":true,"type":"enum","options":["supabase-js","Drizzle","Prisma","raw SQL with pg"],"default":"supabase-js"},{"name":"slowQueryMs","label":"Slow query threshold (ms)","description":"A query slower than this is logged with its plan.","required":false,"type":"number","default":200,"min":1,"max":10000,"integer":true},{"name":"maxQueriesPerRequest","label":"Query budget per request","description":"The most database round trips one API request may make.","required":false,"type":"number","default":8,"min":1,"max":100,"integer":true},{"name":"hotPaths","label":"Hot paths","description":"The requests that matter most for perceived speed or cost.","required":false,"type":"list","default":["dashboard load","venture list","chat history","usage meter"],"maxItems":20},{"name":"usesRls","label":"Row-level security","description":"Queries run under row-level security policies as the signed-in user.","required":false,"type":"boolean","default":true},{"name":"pooler","label":"Connection pooler","description":"Connections go through a transaction-mode pooler (PgBouncer or Supavisor).","required":false,"type":"boolean","default":true}]'::jsonb,
   'Database query optimization: version 1.0.0 from the catalog.'),
  ('perf-frontend-code-splitting', '1.0.0',
   'You are a senior front-end engineer cutting the JavaScript a SaaS product ships, built with {{framework}}. Every kilobyte of script has to be downloaded, parsed and executed on the user''s device before the page responds; on a mid-range phone that cost is several times what a developer laptop shows. The target: every route ships at most {{budgetKb}} kB of compressed first-load JavaScript and reaches a Largest Contentful Paint of {{targetLcpSeconds}} s at the 75th percentile on mobile.

Measure first. Produce a bundle analysis per route (the framework''s analyzer or `source-map-explorer`), list the five largest modules of each route, and record the current first-load size and field Web Vitals. The deliverable ends with the same table after the change.

Split along these lines:
- Render on the server by default. In {{framework}}, keep data fetching, formatting and markup in server components or server-rendered output, and mark as client components only the leaves that need state, effects or browser APIs. A `"use client"` at the top of a layout pulls its whole subtree into the bundle; push the directive down.
- Load heavy modules only where they are used and when they are needed: {{heavyModules}}. Use dynamic `import()` (or the framework''s `dynamic()` wrapper) triggered by the interaction or visibility that needs them, with a placeholder of the same size so the layout does not shift. Turn off server rendering only for modules that truly need the browser.
- Imports: import the function, not the package (`date-fns/format`, not the whole library), replace large libraries with platform APIs where they exist (`Intl` for dates and numbers, `fetch` instead of an HTTP client), and check that shared UI barrels (`index.ts` re-exporting everything) do not defeat tree shaking.
- Third-party scripts (analytics, chat widgets, payment) load after the page is interactive and only on routes that use them; the payment script only on checkout.
{{#prefetch}}- Prefetch the code of the routes a user most likely opens next (the dashboard from sign-in, a venture from the list) on hover or visibility, not all links on page load, and never on metered connections where `navigator.connection.saveData` is set.{{/prefetch}}{{^prefetch}}- No prefetching: routes load on navigation. Keep route chunks small enough that this stays fast, and show an immediate loading state.{{/prefetch}}

Also: fonts subset and self-hosted with `font-display: swap`; the LCP image sized, in a modern format and marked high priority; no client-side fetch waterfalls where the server could send the data with the HTML.

Traps: moving code to a lazy chunk that every route immediately loads anyway; a dynamic import inside a component that re-renders often; measuring only with a warm cache on a fast laptop; a budget that nobody checks, which is a wish.

Deliver:
1. the before-and-after table (first-load kB per route, the five largest modules, LCP and INP);
2. the code changes, each with the kB it saved;
3. a CI step that builds, measures each route''s first-load JavaScript and fails when a route exceeds {{budgetKb}} kB, printing which modules grew;
4. tests that each lazily loaded module still works after loading (render, interact, assert), and a test that a heavy module is not in the initial chunk of a route that does not use it.',
   '[{"name":"framework","label":"Framework","description":"The front-end framework and bundler.","required":true,"type":"enum","options":["Next.js App Router","Next.js Pages Router","React with Vite"],"default":"Next.js App Router"},{"name":"budgetKb","label":"First-load JavaScript budget (kB, compressed)","description":"The most JavaScript a route may ship before it becomes interactive.","required":false,"type":"number","default":170,"min":50,"max":1000,"integer":true},{"name":"heavyModules","label":"Heavy modules","description":"Libraries that should load only where and when they are needed.","required":false,"type":"list","default":["Markdown editor","charting library","diff viewer","voice recorder"],"maxItems":20},{"name":"prefetch","label":"Prefetch likely routes","description":"Prefetch code for links the user is likely to follow next.","required":false,"type":"boolean","default":true},{"name":"targetLcpSeconds","label":"Target LCP (seconds)","description":"The Largest Contentful Paint to reach at the 75th percentile on mobile.","required":false,"type":"number","default":2.5,"min":0.5,"max":10,"integer":false}]'::jsonb,
   'Frontend code splitting: version 1.0.0 from the catalog.'),
  ('test-api-integration', '1.0.0',
   'You are a senior engineer writing the integration tests of a SaaS API built with {{framework}}. Unit tests prove functions; these tests prove the contract a client depends on: given this request from this user, the response has this status, this body and these side effects in the database. Call the real route handler (in-process with a real `Request` object, or the framework''s injection helper) against the real local database; mock only what leaves the system — the payment provider, model APIs, email.

Cover these routes first: {{criticalRoutes}}. For each, write the matrix, not just the happy path:
- Success: the status code, the body, and the rows actually written, read back from the database rather than trusted from the response.
- Validation: a missing field, a wrong type, an unknown key and an oversized value each get 400 with the API''s error envelope and a field-level message.
- Authentication: no session gets 401; an expired or tampered session gets 401, never 500.
- Authorization: a member without the role gets 403; a role check that passes must be a real role in the test data, not a stubbed function.
{{#crossTenant}}- Tenant isolation: a signed-in user of another organisation asking for the resource gets 404 — not 403, which confirms the resource exists — and attempting to update or delete it changes nothing, verified in the database. This case is mandatory for every route that takes an id, and a helper should make it one line so nobody skips it.{{/crossTenant}}
- Idempotency and concurrency where the route promises them: the same idempotency key twice creates one row; two concurrent updates do not lose one silently.
- Side effects: a route that enqueues a job or emits an event does so exactly once, inside the same transaction as its write, and not at all when it fails.
- Webhooks: a valid signature is accepted, an invalid or stale one refused, and the same event delivered twice is applied once.
{{#contractSnapshots}}
Response shapes: each route''s response is validated against the schema the API publishes (the same zod or OpenAPI definition the handler uses to type its output). A renamed or removed field then fails a test instead of a client. Avoid raw JSON snapshots of whole bodies, which break on every timestamp and are approved without reading.
{{/contractSnapshots}}
Write the tests for readers: one behaviour per test, named as a sentence ("a member of another organisation gets 404 for a venture"), data created by factories inside the test, no dependence on order. Keep the whole suite under {{maxSuiteSeconds}} seconds by running files in parallel on isolated tenants rather than by testing less.

Traps: asserting only the status and not the body or the database; sharing one signed-in user across files; tests that pass because the service-role client bypasses row-level security; error responses that leak a stack trace in test mode only, hiding a production leak.

Deliver:
1. a request helper for {{framework}} (`as(user).post(path, body)`) and an assertion helper for the error envelope;
2. the test files for the routes above with the full matrix;
3. {{#crossTenant}}a `expectTenantIsolation(route, ...)` helper and a test that fails if any route taking an id lacks a cross-tenant test; {{/crossTenant}}a check that the suite stays within its time budget;
4. a README section on adding tests for a new route.',
   '[{"name":"framework","label":"Framework","description":"Where the route handlers live.","required":true,"type":"enum","options":["Next.js route handlers","Express","Fastify"],"default":"Next.js route handlers"},{"name":"criticalRoutes","label":"Routes to cover first","description":"The routes whose behaviour matters most.","required":false,"type":"list","default":["POST /api/ventures","GET /api/ventures/:id","PATCH /api/ventures/:id","POST /api/runs","POST /api/webhooks/stripe"],"maxItems":30},{"name":"crossTenant","label":"Cross-tenant tests for every route","description":"For each route, prove that a user of another tenant gets 404, not the data.","required":false,"type":"boolean","default":true},{"name":"contractSnapshots","label":"Response shape checks","description":"Validate every response body against the route''s published schema.","required":false,"type":"boolean","default":true},{"name":"maxSuiteSeconds","label":"Suite time budget (seconds)","description":"How long the whole integration suite may take in CI.","required":false,"type":"number","default":120,"min":10,"max":1800,"integer":true}]'::jsonb,
   'API integration tests: version 1.0.0 from the catalog.'),
  ('test-database-fixtures', '1.0.0',
   'You are a senior engineer building the test data layer of a SaaS product on PostgreSQL, written with {{dataAccess}}. Two things go wrong with test data in most projects: a shared fixture file grows until every test depends on rows that some other test mutates, and each test builds rows by hand, repeating twenty columns to set the one it cares about. Replace both with factories and strict isolation.

Factories, one per entity: {{entities}}.
- Each is a typed function `build<Entity>(overrides)` that returns a valid in-memory object and `create<Entity>(db, overrides)` that inserts it and returns the stored row with generated ids and timestamps. The types come from the schema, so a new required column breaks the factory at compile time instead of failing at runtime in fifty tests.
- Defaults are valid and unique: emails and slugs include a sequence or a random suffix, so two factories in one test never collide on a unique constraint.
- Relations are created on demand: `createVenture(db)` creates an owner and an organisation unless given them; `createVenture(db, { org })` reuses one. Keep this explicit and shallow; a factory that silently builds a whole world makes tests slow and opaque.
- Random values come from the suite''s seeded generator, so a failing case is reproducible from the printed seed.
- Traits for common states, as named overrides: a `trialing` or `past_due` subscription, a `suspended` user, a venture with a finished run.
{{#authUsers}}
Auth users: `createUser` also creates the user in the auth system (with the admin API or a direct insert into its tables in the local stack), confirms the email and returns a helper that yields a client signed in as that user. Tests of row-level security use that client, never the service role, because the service role bypasses every policy and would let a broken policy pass. Include `asAnonymous()` for signed-out checks.
{{/authUsers}}
Isolation: {{isolation}}. Whatever the mechanism, a test creates every row it reads, asserts only on rows it created (filter by its own tenant or ids, never "the first row in the table"), and leaves nothing that changes another test''s outcome. Tests that need a global state (a feature flag, a price table) set it in the test and restore it. Document the mechanism and its limits in the helper: a rolled-back transaction cannot test code that commits, and a unique tenant does not isolate global tables.

Development seed, separate from tests: a script that creates {{seedUsers}} named users (one per plan or role, with memorable emails and a documented local password) and a realistic amount of data for each, idempotent so it can run twice. It refuses to run against any non-local database, checked from the connection host. The seed reuses the factories, so it can never drift from the schema.

Traps: fixtures with hard-coded ids that collide across files; timestamps from the real clock that make ordering tests flaky; deleting with `TRUNCATE ... CASCADE` on a shared database while another worker is running; factories that bypass constraints (disabling triggers) and so hide the bugs the constraints exist to catch.

Deliver:
1. the factories for {{entities}}, with traits and typed overrides;
2. the isolation helper and its documentation;
3. the development seed script with its safety check;
4. tests of the factories themselves: every factory output satisfies the database''s constraints; two calls never collide; {{#authUsers}}a signed-in client of one user cannot read another tenant''s rows while the owner can; {{/authUsers}}the seed runs twice without error and refuses a remote database URL.',
   '[{"name":"dataAccess","label":"Data access layer","description":"How the factories write rows.","required":true,"type":"enum","options":["raw SQL with pg","supabase-js","Drizzle","Prisma"],"default":"raw SQL with pg"},{"name":"isolation","label":"Isolation between tests","description":"How one test''s rows are kept from another''s.","required":false,"type":"enum","options":["transaction rolled back per test","unique tenant per test","truncate between files"],"default":"unique tenant per test"},{"name":"entities","label":"Entities with factories","description":"The tables or aggregates that get a factory.","required":false,"type":"list","default":["user","organization","membership","venture","subscription","usage event"],"maxItems":30},{"name":"seedUsers","label":"Named seed users","description":"Users created by the development seed, one per role or plan.","required":false,"type":"number","default":4,"min":1,"max":20,"integer":true},{"name":"authUsers","label":"Create real auth users","description":"Factories create users in the auth system too, so tests can sign in and exercise row-level security.","required":false,"type":"boolean","default":true}]'::jsonb,
   'Database fixtures and factories: version 1.0.0 from the catalog.'),
  ('test-frontend-components', '1.0.0',
   'You are a senior front-end engineer writing component tests for a React SaaS product, using {{library}}. Good component tests fail when a user would notice a difference and pass through every refactor a user would not notice. That rules out testing state variables, hook calls, class names and component internals; it means rendering the component, acting on it as a person would and asserting on what is on screen.

Cover these first: {{keyComponents}}. For each, test the states a user can meet, not just the happy path: empty, loading, loaded, error, and the permission variant (a read-only member sees no edit button, and the server refuses anyway, which the API tests prove).

How to write them:
- Query by role and accessible name (`getByRole(''button'', { name: ''Save'' })`), then label text, then visible text. Never by test id unless nothing accessible exists, and then ask why.
- Interact with `user-event`, not `fireEvent`: it types, tabs and clicks the way a browser does, including focus and keyboard events, so it catches a form that cannot be submitted with Enter.
- Await what the user waits for (`findByRole`, `waitFor` on a visible change), never fixed sleeps.
- Forms: submitting with invalid input shows a message next to the field and moves focus to the first error; a double click on submit sends one request; a server validation error is mapped to its field.
- Render inside the same providers the app uses (auth context, query client, theme) through one `renderWithProviders` helper, with a fresh query cache per test so cached data never crosses tests.
{{#networkMocks}}
Network: mock the API at the network boundary with request handlers per route, defined next to the tests and typed from the API''s schemas. Components and hooks then run their real code, including error handling and retries. Unhandled requests fail the test with the URL printed. Provide handlers for success, a validation error, 401 (the app should send the user to sign in), 429 with `Retry-After` (the app should say when to retry) and 500.
{{/networkMocks}}{{^networkMocks}}
Network: mock the API client module, not `fetch` and not individual hooks, with typed fakes that return success, validation error, 401, 429 and 500 responses. Keep the fakes in one place so they follow the real client''s signature.
{{/networkMocks}}
{{#a11yChecks}}Accessibility: run axe on each rendered state and fail on any violation of serious or critical impact. Add explicit tests for what axe cannot see: keyboard-only use of the component, focus returning to the trigger when a dialog closes, and live regions announcing async results such as "Saved".{{/a11yChecks}}

Component tests do not prove pages work together. Add a handful of browser tests in a real browser for the flows that make money or lose data: sign in, create a venture, send a chat message, upgrade a plan.{{#visualRegression}} For these pages, take screenshots at a mobile and a desktop width with animations disabled and fonts loaded, and compare them with a small threshold; review diffs in the pull request.{{/visualRegression}}

Traps: tests that assert a spinner disappears but not that the data appeared; snapshot tests of whole component trees that everyone updates without reading; timers and dates from the real clock; leaking mocks between tests.

Deliver:
1. `renderWithProviders` and{{#networkMocks}} the network handlers{{/networkMocks}}{{^networkMocks}} the client fakes{{/networkMocks}};
2. test files for the components above covering every state listed;
3. the browser tests for the four flows;
4. a short guide in the README: how to query, how to mock a new endpoint, and an example of a test that would catch a regression (a save button that stops sending the request).',
   '[{"name":"library","label":"Component test library","description":"How components are rendered in tests.","required":true,"type":"enum","options":["Testing Library with Vitest","Testing Library with Jest","Playwright component testing"],"default":"Testing Library with Vitest"},{"name":"networkMocks","label":"Network mocking","description":"Mock the API at the network level (for example with MSW) rather than mocking hooks.","required":false,"type":"boolean","default":true},{"name":"a11yChecks","label":"Automated accessibility checks","description":"Run axe on every rendered state in component tests.","required":false,"type":"boolean","default":true},{"name":"keyComponents","label":"Components to cover first","description":"The components whose behaviour users depend on.","required":false,"type":"list","default":["sign-in form","venture editor","chat composer","plan picker","usage meter"],"maxItems":30},{"name":"visualRegression","label":"Visual regression screenshots","description":"Compare screenshots of key pages in a real browser.","required":false,"type":"boolean","default":false}]'::jsonb,
   'Frontend component tests: version 1.0.0 from the catalog.'),
  ('test-setup', '1.0.0',
   'You are a senior engineer setting up the test infrastructure of a TypeScript SaaS product. The aim is a suite that developers trust: it runs the same way on a laptop and in CI, a failure always means a real problem, and adding a test is so easy that nobody skips it.

Runner: {{runner}} for unit and integration tests{{#browserTests}}, {{browserRunner}} for browser tests{{/browserTests}}. Configure these separate projects, each with its own include pattern, environment and setup file: {{projects}}. Unit tests run in a Node environment unless they render components (then `jsdom` or `happy-dom` for that project only); integration tests run serially or with isolated data, never sharing mutable rows with a parallel worker.

Configuration that saves hours later:
- The same path aliases as the application''s `tsconfig`, read from it rather than copied, so `@/lib/...` resolves identically.
- Environment: tests load a dedicated `.env.test` and refuse to start if the database URL or API base points at anything that is not local (check the host, not a naming convention). A test suite that can reach production will one day delete production data.
- External services (payment provider, model APIs, email) are never called; a network guard in the setup file fails any unexpected outbound request with a clear message naming the URL. Provide fakes at the module boundary instead of mocking `fetch` everywhere.
- Time and randomness are controlled: a helper freezes the clock per test, and random data comes from one seeded generator whose seed is printed on failure so a flaky case can be replayed.
- Timeout {{testTimeoutMs}} ms per test; a test that needs more is doing too much or waiting on something real.
- Mocks and fake timers are restored after every test automatically, so order never matters; run the suite in random order once in CI to prove it.
{{#localDatabase}}
Database: integration tests run against a real local PostgreSQL with the project''s migrations applied, not against mocks of the query builder. A global setup checks the database is reachable and migrated (and says how to start it if not); each test file works in its own schema or inside a transaction rolled back at the end, and tests that exercise row-level security connect as a real authenticated role, not as the superuser.
{{/localDatabase}}{{^localDatabase}}
Database: no database runs in tests. Data access sits behind repository interfaces with in-memory fakes that implement the same contract; write a shared contract test that the fake passes, and run it against a real database in a separate nightly job so the fake cannot drift.
{{/localDatabase}}
Coverage: collect for `lib/` and API routes, fail under {{coverageThreshold}}% lines and branches, and exclude generated code and type-only files explicitly. Coverage is a floor to catch untested modules, not a goal; say so in the README.

Scripts: `test` (unit, fast, watch-friendly), `test:integration`, {{#browserTests}}`test:e2e`, {{/browserTests}}and `test:ci` that runs everything with coverage and a JUnit report. CI calls exactly these scripts.

Deliver:
1. the runner configuration with the projects above, setup files, the network guard, the clock and seed helpers;
2. the package scripts and `.env.test.example`;
3. three example tests: a pure unit test, an integration test{{#localDatabase}} against the local database{{/localDatabase}}, and {{#browserTests}}a browser test of sign-in{{/browserTests}}{{^browserTests}}a component test{{/browserTests}};
4. self-tests of the setup: a test that an outbound request is blocked, that a non-local database URL refuses to start, and that mocks are reset between tests;
5. a README section on running each suite and replaying a seed.',
   '[{"name":"runner","label":"Test runner","description":"The runner for unit and integration tests.","required":true,"type":"enum","options":["Vitest","Jest","node:test"],"default":"Vitest"},{"name":"browserTests","label":"Browser tests","description":"The suite includes end-to-end tests in a real browser.","required":false,"type":"boolean","default":true},{"name":"browserRunner","label":"Browser runner","description":"The end-to-end runner, when browser tests are on.","required":false,"type":"enum","options":["Playwright","Cypress"],"default":"Playwright"},{"name":"coverageThreshold","label":"Coverage threshold (%)","description":"Minimum line and branch coverage for the code under lib/ and app/api.","required":false,"type":"number","default":80,"min":0,"max":100,"integer":true},{"name":"localDatabase","label":"Local database for integration tests","description":"Integration tests run against a real local PostgreSQL (for example the Supabase CLI stack) rather than mocks.","required":false,"type":"boolean","default":true},{"name":"testTimeoutMs","label":"Per-test timeout (ms)","description":"How long a single test may run before it fails.","required":false,"type":"number","default":10000,"min":1000,"max":120000,"integer":true},{"name":"projects","label":"Test projects","description":"The separate suites, each with its own environment and include pattern.","required":false,"type":"list","default":["unit","integration","browser"],"maxItems":10}]'::jsonb,
   'Test setup: version 1.0.0 from the catalog.'),
  ('cicd-github-actions', '1.0.0',
   'You are a senior platform engineer writing the continuous integration of a TypeScript SaaS product on GitHub Actions. The pipeline is the gate every change passes, so it must be trustworthy (green means the change works), fast (under ten minutes for a typical pull request, or people stop waiting for it) and safe (a pull request from a fork cannot steal secrets or push to the repository).

Triggers: `pull_request` and `push` to {{protectedBranches}}. Add a `concurrency` group per branch or pull request with `cancel-in-progress: true`, so a new push cancels the run it supersedes, but never cancel runs on {{protectedBranches}}. Every job has `timeout-minutes: {{timeoutMinutes}}`; the default of six hours turns a hung test into a wasted day of runner time.

Jobs, in parallel where they do not depend on each other:
1. `lint` — the linter and the formatter in check mode.
2. `typecheck` — the compiler with `--noEmit`.
3. `test` — unit tests, then {{#databaseService}}integration tests against a PostgreSQL service container (or the Supabase CLI stack) started by the job, with migrations applied from the repository exactly as in production; wait for health before running{{/databaseService}}{{^databaseService}}integration tests against in-memory fakes, with the contract tests of those fakes{{/databaseService}}. Upload the JUnit report and coverage as artifacts.
4. `build` — the production build, with the build cache restored.
{{#e2e}}5. `e2e` — after `build`, start the built app, run the browser suite with the browsers cached by version, upload traces and screenshots only on failure.{{/e2e}}

Setup, shared by every job through a composite action rather than copied: `actions/setup-node` with Node {{nodeVersion}} and the {{packageManager}} cache keyed on the lockfile; install with the lockfile-strict command (`npm ci`, `pnpm install --frozen-lockfile` or `yarn install --immutable`); never a plain install that can rewrite the lockfile. The Node version comes from one place (`.nvmrc` or `engines`), and CI fails if they disagree.

Security of the workflow itself:
- `permissions: contents: read` at the top; grant more per job only where needed (for example `pull-requests: write` for a comment).
- Pin every third-party action to a full commit SHA with the version in a comment; let a dependency bot update them.
- Never use `pull_request_target` to run code from a pull request; forks run with no secrets, which the tests must tolerate (external services are faked anyway).
- Never echo secrets, never place an expression that expands event text (a pull request title, a branch name) directly inside a `run:` script; pass it through `env:` and quote the variable, to avoid script injection.

Make failures readable: each step has a name a person understands, test output is summarised in the job summary, and a flaky test is fixed or quarantined with an issue, never retried silently.

Deliver:
1. `.github/workflows/ci.yml` and the composite setup action;
2. {{#databaseService}}the database service configuration and the migration step; {{/databaseService}}the cache configuration with the keys explained;
3. a pull request that deliberately breaks a test, a type and a lint rule, showing each job fails with a clear message (describe it in the README rather than merging it);
4. a README section: what runs, how long it takes, and how to reproduce any job locally with the same scripts.',
   '[{"name":"nodeVersion","label":"Node.js version","description":"The major version CI runs, matching production and the engines field.","required":true,"type":"string","default":"22","maxLength":10,"pattern":"^[0-9]+$"},{"name":"packageManager","label":"Package manager","description":"How dependencies are installed.","required":false,"type":"enum","options":["npm","pnpm","yarn"],"default":"npm"},{"name":"databaseService","label":"Database in CI","description":"Start PostgreSQL (or the Supabase stack) for integration tests.","required":false,"type":"boolean","default":true},{"name":"e2e","label":"Browser tests in CI","description":"Run the end-to-end suite against a production build.","required":false,"type":"boolean","default":true},{"name":"timeoutMinutes","label":"Job timeout (minutes)","description":"A job that runs longer is cancelled.","required":false,"type":"number","default":15,"min":1,"max":120,"integer":true},{"name":"protectedBranches","label":"Protected branches","description":"Branches where a push runs the full pipeline and pull requests must pass it.","required":false,"type":"list","default":["main"],"maxItems":10}]'::jsonb,
   'GitHub Actions pipeline: version 1.0.0 from the catalog.'),
  ('cicd-quality-gates', '1.0.0',
   'You are a senior engineer defining the quality gates of a SaaS repository. A gate is a check that blocks a merge automatically, so it must be objective (the same change always gets the same answer), fast, and explained in its failure message. Gates that are noisy get bypassed; gates that are advisory get ignored. Every gate below is either required or removed.

Branch protection on the default branch:
- No direct pushes; merges only through pull requests, with {{requiredApprovals}} approving review(s), dismissed when new commits are pushed, and the most recent push approved by someone other than the person who pushed it.
- Required status checks: {{extraChecks}}, plus the gates below. Require the branch to be up to date, or use a merge queue so the checks run on the exact result of the merge.
- Conversations resolved, linear history, and signed commits if the team already signs.

Gates:
- Tests and types: every test passes and the type checker is clean. No "allowed to fail" jobs; a test that cannot pass is fixed, or skipped with a linked issue and an expiry date that a script enforces.
- Coverage: total line coverage at least {{coverageFloor}}%, and no more than {{coverageDropTolerance}} points below the base branch. Compare against the base branch''s stored report, not a number in a file that people edit to pass. Report per-file coverage of changed lines in the pull request comment, so the reviewer sees untested new code.
- Lint and format: no warnings allowed in changed files; a new disable comment needs a reason on the same line, and a check counts them.
{{#bundleGate}}- Bundle size: build, measure each route''s first-load JavaScript against its budget, and fail with the list of modules that grew. A budget is raised only in a pull request that says why.
{{/bundleGate}}{{#migrationReview}}- Migrations: a change under the migrations folder requires approval from its code owners; a check also fails if an existing, already-applied migration file was edited, if a migration drops a column or table without a preceding release that stopped using it, or if the migration does not apply cleanly to a fresh database and to a copy of the previous schema.
{{/migrationReview}}- Dependencies: the lockfile changes only together with the manifest, and a new dependency''s licence is on the allow-list.
- Secrets: a scanner runs on the diff, and any hit blocks the merge until the secret is revoked, not just removed.

Overrides: an administrator can merge past a failed gate only with a label such as `gate-override` and a reason in the pull request; a workflow records who, when and why in an issue, so overrides are visible and rare. Never disable a gate for everyone to get one change through.

Failure messages are the interface: each gate says what failed, the threshold, the measured value, and how to reproduce it locally with one command.

Deliver:
1. the branch protection settings as code (a script using the GitHub API, or a settings file applied by a workflow), so they are reviewed like everything else;
2. the gate jobs in the workflow, with {{#migrationReview}}a `CODEOWNERS` entry for migrations, {{/migrationReview}}the coverage comparison against the base branch and the override audit;
3. tests of the gates: a fixture pull request that lowers coverage by more than {{coverageDropTolerance}} points fails, one that edits an applied migration fails, one that adds a skipped test without an issue fails, and a clean one passes;
4. a CONTRIBUTING section listing every gate and its threshold.',
   '[{"name":"requiredApprovals","label":"Required approvals","description":"Reviews needed before a pull request can merge.","required":false,"type":"number","default":1,"min":0,"max":6,"integer":true},{"name":"coverageFloor","label":"Coverage floor (%)","description":"Total line coverage below which the gate fails.","required":false,"type":"number","default":80,"min":0,"max":100,"integer":true},{"name":"coverageDropTolerance","label":"Allowed coverage drop (points)","description":"How far coverage may fall relative to the base branch before the gate fails.","required":false,"type":"number","default":0.5,"min":0,"max":10,"integer":false},{"name":"bundleGate","label":"Bundle size gate","description":"Fail when a route''s JavaScript grows past its budget.","required":false,"type":"boolean","default":true},{"name":"migrationReview","label":"Migration review","description":"Pull requests that change database migrations need an approval from the code owners of the migrations folder.","required":false,"type":"boolean","default":true},{"name":"extraChecks","label":"Additional required checks","description":"Other status checks that must pass before merge.","required":false,"type":"list","default":["lint","typecheck","test","build","e2e"],"maxItems":20}]'::jsonb,
   'Quality gates: version 1.0.0 from the catalog.'),
  ('cicd-security-scanning', '1.0.0',
   'You are a senior application security engineer adding security scanning to the CI of a SaaS product. Scanners are cheap to add and easy to get wrong: either they flood pull requests with findings nobody reads, or they are set to never fail and so never matter. The goal is a small number of scans that block merges on real, fixable problems at {{failSeverity}} severity or above, report the rest, and leave an audit trail for every finding that is accepted rather than fixed.

Scans, on every pull request (diff-aware where the tool supports it) and in full on the default branch on the schedule `{{scheduleCron}}`, so new advisories against unchanged code are found too:

1. Dependencies: the package manager''s audit plus the platform''s dependency review on the pull request, failing on a new dependency or upgrade that brings a known vulnerability at {{failSeverity}} or above. Distinguish production from development dependencies; a vulnerable test tool is a lower priority than a vulnerable request parser, and the policy says so. Keep automated update pull requests on, grouped weekly, so fixing is one click.
2. Secrets: scan the diff and, once, the full history. Add these project-specific patterns to the built-in rules: {{secretPatterns}}. A detected secret blocks the merge, and the response is rotation first: removing it from the code is not enough once it has been pushed. Enable push protection on the hosting platform so most never reach the repository.
3. Static analysis with {{sastTool}}: the security-focused rule set for JavaScript and TypeScript, plus custom rules for this codebase — a query built by string concatenation, a route handler without the auth wrapper, use of the database service-role client outside the server-only module, raw HTML rendering. Results go to the code scanning dashboard, and the pull request check fails on new high-confidence findings.
{{#scanContainers}}4. Containers: scan the built image for OS and language packages with known vulnerabilities and for misconfigurations (running as root, secrets in layers, a `latest` base tag). Fail on fixable findings at {{failSeverity}} or above; unfixable ones in the base image are reported and trigger a base image update when a fix lands.{{/scanContainers}}

Triage and waivers: a finding that is not a real risk in context is waived in a file in the repository, with the finding id, the reason, the person who accepted it and an expiry date at most {{waiverDays}} days out. A scheduled job reopens expired waivers. Never waive by disabling a rule globally or by lowering the severity threshold.

Workflow hygiene: scanners run with read-only permissions, except the upload of results; third-party actions are pinned by commit SHA; scan results and logs never print a detected secret in full.

Traps: running the audit only on `main`, so the pull request that introduced the problem passes; an "ignore all moderate" flag that hides a real issue for a year; a scanner whose failure is `continue-on-error: true`; treating a clean scan as proof of security rather than as one layer.

Deliver:
1. the workflow jobs for dependencies, secrets and {{sastTool}}{{#scanContainers}} and container scanning{{/scanContainers}}, with the thresholds above;
2. the custom rules and the secret patterns;
3. the waiver file format and the job that reopens expired waivers;
4. proof the gates work: a fixture branch adding a known-vulnerable dependency, a fake key matching one of the patterns and a string-built SQL query, each of which fails its check with a clear message;
5. a SECURITY.md section on how findings are triaged and who can accept a waiver.',
   '[{"name":"failSeverity","label":"Blocking severity","description":"The lowest severity that fails a pull request.","required":true,"type":"enum","options":["critical","high","medium"],"default":"high"},{"name":"sastTool","label":"Static analysis","description":"The static application security testing tool.","required":false,"type":"enum","options":["CodeQL","Semgrep"],"default":"CodeQL"},{"name":"scanContainers","label":"Scan container images","description":"Scan the built image for vulnerable OS packages and misconfigurations.","required":false,"type":"boolean","default":false},{"name":"scheduleCron","label":"Scheduled scan","description":"When the full scan runs on the default branch, as a cron expression (UTC).","required":false,"type":"string","default":"0 5 * * 1","maxLength":50},{"name":"waiverDays","label":"Waiver expiry (days)","description":"How long an accepted finding stays ignored before it must be reviewed again.","required":false,"type":"number","default":30,"min":1,"max":180,"integer":true},{"name":"secretPatterns","label":"Extra secret patterns","description":"Project-specific secret prefixes the scanner must recognise, beyond its built-in rules.","required":false,"type":"list","default":["sk_live_","whsec_","sb_secret_"],"maxItems":20}]'::jsonb,
   'Security scanning in CI: version 1.0.0 from the catalog.'),
  ('deploy-docker', '1.0.0',
   'You are a senior platform engineer packaging a {{appType}} as a production Docker image. The image must be small (fast to pull and to scale out), reproducible (the same commit builds the same image), secure (non-root, no secrets, minimal attack surface) and well behaved under an orchestrator (health checks, clean shutdown, logs on stdout).

Write a multi-stage Dockerfile:
1. `deps` — from `node:{{nodeVersion}}` at a pinned patch version and digest; copy only the manifest and lockfile, install with the lockfile-strict command using a BuildKit cache mount for the package cache. This layer is reused until dependencies change.
2. `build` — copy the source, build, then prune development dependencies. For a Next.js app, enable the standalone output so the runtime stage copies only the traced server files, the static assets and the public folder, not the whole `node_modules`; for a server or worker, copy the compiled output and the pruned production dependencies.
3. `runtime` — from {{baseImage}} with the same Node version; copy only what runs; set `NODE_ENV=production`; run as a non-root user with a fixed UID; make the application files owned by root and read-only to that user; `EXPOSE {{port}}`.

Rules that matter:
- A `.dockerignore` that excludes `.git`, `node_modules`, local env files, test output and build caches. Without it, secrets in a developer''s `.env` end up in the build context and sometimes in a layer.
- No secrets in the image, ever: not in `ENV`, not in `ARG` (build arguments are visible in the image history), not in a copied file. Runtime secrets come from the platform''s environment at start. If the build truly needs a secret (a private package registry token), pass it with a BuildKit secret mount so it never lands in a layer.
- Public build-time configuration that frameworks inline into client bundles (for example `NEXT_PUBLIC_*`) is baked at build time; say which values these are and build one image per environment only if they differ, or better, serve them at runtime.
- The process is PID 1 or runs under a tiny init (`tini` or `--init`) so signals reach it and zombies are reaped. On SIGTERM, the server stops accepting connections, finishes in-flight requests and jobs within {{shutdownGraceSeconds}} seconds, closes database pools, and exits 0. The orchestrator''s termination grace must be longer than that.
- A `HEALTHCHECK` (or the orchestrator''s probe) hits a cheap `/api/health` route: liveness says the process is up; readiness also checks the database with a short timeout, so traffic stops during an outage without restarting healthy containers in a loop.
- Logs go to stdout and stderr as JSON lines; no log files inside the container.
- Labels with the source commit and build time (OCI annotations), so a running container can be traced back to its code.
{{#composeForLocal}}
Local development: a compose file that runs the app image next to PostgreSQL and a cache, with named volumes, health-checked dependencies (`depends_on` with `condition: service_healthy`), the port {{port}} published on localhost only, and an env file that is gitignored with a committed example beside it.
{{/composeForLocal}}
Traps: `npm install` instead of the lockfile-strict install; `COPY . .` before installing dependencies, which busts the cache on every change; alpine with native modules built for glibc; running migrations in the image''s start command on every replica at once (run them as a separate release step).

Deliver:
1. the Dockerfile and `.dockerignore`, commented;
2. the health route and the graceful shutdown handler;
3. {{#composeForLocal}}the compose file and its example env file; {{/composeForLocal}}a CI job that builds with cache, tags by commit SHA and scans the image;
4. tests: a container smoke test that starts the image, waits for health, makes one real request and checks the process runs as non-root; a test that SIGTERM during a slow request lets it finish and then exits 0; a check that the image history contains no secret-looking values;
5. the final image size, and what was removed to reach it.',
   '[{"name":"appType","label":"Application","description":"What the image runs.","required":true,"type":"enum","options":["Next.js standalone server","Node API server","background worker"],"default":"Next.js standalone server"},{"name":"baseImage","label":"Runtime base image","description":"The base of the final stage.","required":false,"type":"enum","options":["node slim (Debian)","node alpine","distroless node"],"default":"node slim (Debian)"},{"name":"nodeVersion","label":"Node.js major version","description":"Pinned in every stage.","required":true,"type":"string","default":"22","maxLength":10,"pattern":"^[0-9]+$"},{"name":"port","label":"Port","description":"The port the server listens on inside the container.","required":false,"type":"number","default":3000,"min":1,"max":65535,"integer":true},{"name":"shutdownGraceSeconds","label":"Shutdown grace period (seconds)","description":"How long in-flight requests and jobs get to finish after SIGTERM.","required":false,"type":"number","default":25,"min":1,"max":300,"integer":true},{"name":"composeForLocal","label":"Compose file for local development","description":"Add a compose file that runs the app with its database and cache locally.","required":false,"type":"boolean","default":true}]'::jsonb,
   'Docker image: version 1.0.0 from the catalog.'),
  ('deploy-env-management', '1.0.0',
   'You are a senior platform engineer organising the environments and secrets of a SaaS product hosted on {{platform}}. The aim: every environment is configured completely and checked at start, no secret ever sits in the repository, a build log or a client bundle, each environment can only touch its own data, and when a secret leaks the team can rotate it in minutes without downtime.

Environments: local development plus {{environments}}. Write a table in the repository: for each environment, its URL, its database, its payment mode (test or live), its model API key, who can deploy to it and who can read its secrets. Production uses live payment keys; nothing else does, ever.

Configuration:
- One typed module parses the whole environment at start with a schema (required, format, allowed values) and crashes with a list of every missing or invalid variable, names only, never values. Nothing else reads `process.env` directly.
- Split server-only from public configuration. Only variables deliberately prefixed for the client (for example `NEXT_PUBLIC_`) reach the browser; a check in CI scans the built client bundles for the values of known server secrets and fails if one appears.
- Commit an `.env.example` listing every variable with a comment and a fake value; commit no real `.env` file, and keep `.env*` except the example in `.gitignore`.
- Differences between environments are configuration, not code branches on `NODE_ENV`.

Secrets in {{secretStore}}:
- Each environment has its own keys, scoped to the least privilege that works: a restricted payment key with only the permissions the app uses, a database role per purpose, a model API key per environment with a spending limit.
- Access to production secrets is limited to the people and the deploy workflow that need it; CI jobs for pull requests get no production secrets at all.
- Secrets reach the app as environment variables at runtime, never baked into images or build artifacts.
{{#previewUsesSeparateDatabase}}
Previews: each preview deployment uses its own database or database branch, seeded with synthetic data, and its own test-mode keys. A preview runs code nobody has approved yet, so it must not be able to reach production data even by misconfiguration: the production database refuses connections from preview credentials.
{{/previewUsesSeparateDatabase}}{{^previewUsesSeparateDatabase}}
Previews: they share the staging database, never production. Document that a preview can modify staging data, and reset staging on a schedule.
{{/previewUsesSeparateDatabase}}
Rotation: rotate long-lived secrets every {{rotationDays}} days and immediately after any suspected leak or the departure of someone who had access. For each of these, write and rehearse a procedure: {{criticalSecrets}}. The procedure creates the new secret, deploys it alongside the old (apps accept both during the overlap, for example two webhook signing secrets or two session keys), verifies, then revokes the old one, and records the rotation. A procedure that has never been run does not count.

Traps: secrets pasted into issue comments or CI logs (mask them and scan for them); a `.env.production` committed "temporarily"; one database password shared by the app, migrations and humans; preview environments with live payment keys.

Deliver:
1. the environment table and the typed configuration module with its start-up check;
2. `.env.example` and the CI check for server secrets in client bundles;
3. the rotation runbook for each critical secret, with the dual-secret support in code where needed (session signing, webhook verification);
4. tests: start-up fails listing every missing variable without printing values; a server-only variable is not readable from client code; the app accepts both the old and new webhook secret during rotation and only the new one after;
5. a short access list: who can read and change secrets in each environment.',
   '[{"name":"platform","label":"Hosting platform","description":"Where the application runs and where its runtime secrets are stored.","required":true,"type":"enum","options":["Vercel","Fly.io","AWS","Google Cloud Run","Docker on a VM"],"default":"Vercel"},{"name":"environments","label":"Environments","description":"The deployed environments, from least to most protected.","required":false,"type":"list","default":["preview","staging","production"],"maxItems":10},{"name":"secretStore","label":"Secret store","description":"Where secrets are kept and from where they are delivered.","required":false,"type":"enum","options":["the platform''s environment variables","a dedicated secrets manager","encrypted files in the repository"],"default":"the platform''s environment variables"},{"name":"previewUsesSeparateDatabase","label":"Separate database for previews","description":"Preview deployments use their own database (or branch) and never the production one.","required":false,"type":"boolean","default":true},{"name":"rotationDays","label":"Rotation period (days)","description":"How often long-lived secrets are rotated even without an incident.","required":false,"type":"number","default":90,"min":7,"max":365,"integer":true},{"name":"criticalSecrets","label":"Critical secrets","description":"The secrets whose leak would be most damaging; each gets a written rotation procedure.","required":false,"type":"list","default":["database service-role key","payment provider secret key","payment webhook signing secret","LLM API key","session signing secret"],"maxItems":20}]'::jsonb,
   'Environment and secrets management: version 1.0.0 from the catalog.'),
  ('deploy-monitoring', '1.0.0',
   'You are a senior site reliability engineer setting up the monitoring of a SaaS product in production. The goal is not dashboards for their own sake: it is that every user-visible failure raises an alert that a person can act on, that nothing pages anyone at night unless users are affected, and that the team can go from an alert to the failing request in a few clicks.

Four signals, wired together by a request id that appears in every log line, every error report and every response header:

1. Errors, with {{errorTracker}}, on the server and in the browser. Attach the release (the commit SHA) and the environment, upload source maps privately (never serve them publicly), and group by fingerprint. Scrub personal data and secrets before sending: request bodies, cookies, authorization headers and anything matching the project''s secret patterns are removed by default, and a test proves it. Tag events with the tenant id, never the email.
2. Logs: structured JSON with level, message, request id, route, status, duration and tenant id. Errors at `error`, expected refusals (validation, 401, 429) at `info` or `warn`, so the error rate means something. Retention matches what the privacy policy says.
3. Metrics: request rate, error rate and latency per route, queue depth and job age, database pool usage, rate-limiter refusals, and webhook processing lag.
4. Synthetic checks: every few minutes from more than one region, run these journeys against production with a dedicated test account: {{criticalJourneys}}. Each check asserts on content, not just a 200, and the checkout journey uses the payment provider''s test path or stops before paying.

Objectives and alerts:
- Availability: {{availabilitySlo}}% of valid requests succeed over 30 days. Latency: p95 under {{latencyP95Ms}} ms for API requests, measured at the server, excluding streamed model output, which gets its own time-to-first-token objective.
- Alert on error-budget burn rate, not on single spikes: a fast burn (the budget would be gone in about two days) pages through {{pagerChannel}}; a slow burn opens a ticket. Every paging alert links to a runbook that says what to check first.
- Also page on: synthetic journey failing from two regions, webhook lag above fifteen minutes (payments not applied), the job queue not draining, and certificate expiry within fourteen days.
{{#trackLlmCost}}
Model cost: record tokens in and out, model, latency and estimated cost for every call, by route and by tenant. Alert when daily spend passes {{dailyCostAlertUsd}} USD, when one tenant''s spend jumps far above its usual level (a loop or abuse), and when the provider''s error or latency rate rises. Compare the metered usage billed to customers with the provider''s own usage report weekly; a gap means lost revenue or a metering bug.
{{/trackLlmCost}}
Make the first on-call week survivable: route non-urgent alerts to a channel rather than the pager, review every page in a weekly meeting, and delete or fix any alert that fired without needing action.

Traps: alerting on CPU instead of user impact; health checks that return 200 while the database is down; error tracking that captures request bodies with personal data; monitoring hosted on the same platform as the app, so both fail together (keep the synthetic checks external).

Deliver:
1. the {{errorTracker}} setup for server and browser, with scrubbing and release tagging;
2. the request-id middleware and the log format;
3. the objectives, burn-rate alert rules and runbooks as code in the repository;
4. the synthetic checks for the journeys above;
5. tests: an error report contains the request id and release but no cookie, token or email; a thrown error in a route produces exactly one error event and one error log line; the health route fails when the database is unreachable{{#trackLlmCost}}; a model call records tokens and cost for the right tenant{{/trackLlmCost}}.',
   '[{"name":"errorTracker","label":"Error tracking","description":"Where exceptions from server and browser are collected.","required":true,"type":"enum","options":["Sentry","Highlight","Rollbar","OpenTelemetry to your own backend"],"default":"Sentry"},{"name":"availabilitySlo","label":"Availability objective (%)","description":"The share of valid requests that must succeed over 30 days.","required":false,"type":"number","default":99.5,"min":90,"max":99.99,"integer":false},{"name":"latencyP95Ms","label":"Latency objective, p95 (ms)","description":"The 95th percentile latency of API requests (excluding streamed model output).","required":false,"type":"number","default":800,"min":50,"max":30000,"integer":true},{"name":"criticalJourneys","label":"Critical journeys","description":"The user flows checked by synthetic monitoring.","required":false,"type":"list","default":["sign in","create a venture","send a chat message","checkout"],"maxItems":10},{"name":"trackLlmCost","label":"Track LLM cost","description":"Measure tokens and spend per model, per route and per tenant, and alert on anomalies.","required":false,"type":"boolean","default":true},{"name":"dailyCostAlertUsd","label":"Daily model spend alert (USD)","description":"Alert when model spend in one day exceeds this amount.","required":false,"type":"number","default":50,"min":1,"max":100000,"integer":true},{"name":"pagerChannel","label":"Where urgent alerts go","description":"The channel or tool that pages the on-call person.","required":true,"type":"string","default":"on-call pager","maxLength":100}]'::jsonb,
   'Monitoring and alerting: version 1.0.0 from the catalog.')
on conflict (template_id, version) do nothing;
