import type { CatalogTemplate, MilestoneId } from '@/lib/templates/catalog-schema';
import type { Role, StackFlag } from '@/lib/zod/schemas/profile';

/** The milestones each role starts from: what a person in that seat is usually asked to get right. */
const ROLE_MILESTONES: Record<Role, MilestoneId[]> = {
  founder: ['01-initialization', '02-authentication', '04-api-routes', '10-deployment'],
  pm: ['05-frontend-routes', '08-testing', '04-api-routes'],
  staff_engineer: ['03-database-schema', '04-api-routes', '07-performance', '08-testing'],
  devops: ['09-ci-cd', '10-deployment', '06-security-hardening'],
  cfo: ['07-performance', '10-deployment'],
  investor: ['06-security-hardening', '08-testing'],
};

/** The milestones a tool the profile says it uses makes relevant. */
const STACK_MILESTONES: Record<StackFlag, MilestoneId[]> = {
  code_repo: ['08-testing', '09-ci-cd'],
  issue_tracker: ['08-testing'],
  doc_space: ['01-initialization'],
  ci_cd: ['09-ci-cd', '08-testing'],
  infra: ['10-deployment', '07-performance', '06-security-hardening'],
  analytics: ['07-performance', '10-deployment'],
};

const PRIORITY_POINTS = { critical: 2, high: 1, medium: 0, low: 0 } as const;

/**
 * How well a template suits the caller's profile: 3 points when its milestone is one the role
 * starts from, 2 for each tool in the profile's stack that makes its milestone relevant, plus 2
 * for a critical and 1 for a high priority. Ties keep the catalog's milestone order.
 */
export function recommendationScore(template: CatalogTemplate, profile: { role: Role | null; stack: Partial<Record<StackFlag, boolean>> }): number {
  let score = PRIORITY_POINTS[template.priority];
  if (profile.role && ROLE_MILESTONES[profile.role].includes(template.milestone)) score += 3;
  for (const [flag, milestones] of Object.entries(STACK_MILESTONES) as [StackFlag, MilestoneId[]][]) {
    if (profile.stack[flag] === true && milestones.includes(template.milestone)) score += 2;
  }
  return score;
}
