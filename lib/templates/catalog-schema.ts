import { z } from 'zod';

/** The ten milestones of the catalog, in build order; a template's folder is its milestone. */
export const MILESTONES = [
  { id: '01-initialization', name: 'Initialization' },
  { id: '02-authentication', name: 'Authentication' },
  { id: '03-database-schema', name: 'Database schema' },
  { id: '04-api-routes', name: 'API routes' },
  { id: '05-frontend-routes', name: 'Frontend routes' },
  { id: '06-security-hardening', name: 'Security hardening' },
  { id: '07-performance', name: 'Performance' },
  { id: '08-testing', name: 'Testing' },
  { id: '09-ci-cd', name: 'CI/CD' },
  { id: '10-deployment', name: 'Deployment' },
] as const;
export type MilestoneId = (typeof MILESTONES)[number]['id'];
/** A milestone's name by its id (the folder name). */
export const MILESTONE_NAMES: ReadonlyMap<string, string> = new Map(MILESTONES.map((milestone) => [milestone.id, milestone.name]));
const MILESTONE_IDS = MILESTONES.map((milestone) => milestone.id) as [MilestoneId, ...MilestoneId[]];

export const TEMPLATE_PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export const SECURITY_LEVELS = ['standard', 'high', 'critical'] as const;
export const OPTIMIZATION_LEVELS = ['basic', 'balanced', 'aggressive'] as const;
/** The stacks a template can say it suits (the catalog's filter). */
export const TEMPLATE_STACKS = ['nextjs', 'react', 'node', 'express', 'fastify', 'supabase', 'postgres', 'prisma', 'drizzle', 'vercel', 'docker', 'github-actions', 'python', 'fastapi'] as const;

const name = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'a variable name is camelCase letters and digits');
const text = (max: number) => z.string().min(1).max(max);

const common = { name, label: text(80), description: text(300), required: z.boolean().default(false) };

/** A template's typed variables: what the customisation form is generated from and what values must satisfy. */
export const templateVariableSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...common, type: z.literal('string'), default: z.string().max(500), maxLength: z.int().min(1).max(2000).default(200), pattern: z.string().max(200).optional() }),
  z.strictObject({ ...common, type: z.literal('enum'), options: z.array(text(60)).min(2).max(20), default: text(60) }),
  z.strictObject({ ...common, type: z.literal('boolean'), default: z.boolean() }),
  z.strictObject({ ...common, type: z.literal('number'), default: z.number(), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(true) }),
  z.strictObject({ ...common, type: z.literal('list'), default: z.array(text(100)).max(30), maxItems: z.int().min(1).max(50).default(20) }),
]);
export type TemplateVariable = z.infer<typeof templateVariableSchema>;

/** The front matter of one catalog file, templates/catalog/<milestone>/<id>.md; the body is the mega-prompt. */
export const templateMetaSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(60),
  name: text(80),
  description: text(400),
  milestone: z.enum(MILESTONE_IDS),
  priority: z.enum(TEMPLATE_PRIORITIES),
  dependencies: z.array(z.string().max(60)).max(10),
  tags: z.array(z.string().regex(/^[a-z0-9-]+$/).max(30)).min(1).max(12),
  stacks: z.array(z.enum(TEMPLATE_STACKS)).min(1).max(TEMPLATE_STACKS.length),
  securityLevel: z.enum(SECURITY_LEVELS),
  optimizationLevel: z.enum(OPTIMIZATION_LEVELS),
  /** Semver; a changed file must carry a new version (it becomes a new template_versions row). */
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  variables: z.array(templateVariableSchema).max(20),
});
export type TemplateMeta = z.infer<typeof templateMetaSchema>;

export interface CatalogTemplate extends TemplateMeta {
  /**
   * The mega-prompt, with {{name}} placeholders and {{#flag}}…{{/flag}} / {{^flag}}…{{/flag}}
   * sections. Every `{{` starts a tag; write `{{{{` for a literal `{{` (`{{{{name}}` shows
   * `{{name}}`, e.g. for GitHub Actions' `${{{{ secrets.TOKEN }}`). See render-template.ts.
   */
  megaPrompt: string;
}
