import type { Role, StackFlag, Vertical } from '@/lib/zod/schemas/profile';

export const ROLE_LABELS: Record<Role, string> = {
  founder: 'Founder',
  pm: 'Product manager',
  staff_engineer: 'Staff engineer',
  devops: 'DevOps / platform',
  cfo: 'CFO / finance',
  investor: 'Investor',
};

export const VERTICAL_LABELS: Record<Vertical, string> = {
  software: 'Software product',
  agency: 'Agency / services',
  internal_tools: 'Internal tools',
  content: 'Content / media',
  other: 'Something else',
};

export const STACK_LABELS: Record<StackFlag, string> = {
  code_repo: 'Code repository (GitHub, GitLab…)',
  issue_tracker: 'Issue tracker (Linear, Jira…)',
  doc_space: 'Docs space (Notion, Confluence…)',
  ci_cd: 'CI/CD pipelines',
  infra: 'Cloud infrastructure',
  analytics: 'Product analytics',
};

export const SLIDER_LABELS = {
  playfulness: { label: 'Playfulness', low: 'Formal', high: 'Playful' },
  revenueFocus: { label: 'Revenue focus', low: 'Impact first', high: 'Revenue driven' },
  investorPerspective: { label: 'Investor perspective', low: 'Operator', high: 'Investor lens' },
} as const;
