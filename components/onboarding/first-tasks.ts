import type { Role } from '@/lib/zod/schemas/profile';

/** Suggested first prompts on the wizard's last screen, by role; each opens the chat prefilled. */
export const FIRST_TASKS: Record<Role | 'none', string[]> = {
  founder: [
    'Write a one-page pitch for our product: problem, solution, why now, and the ask.',
    'List the five riskiest assumptions in our business and a cheap test for each.',
    'Draft a launch announcement for our next release, for customers and for investors.',
    'Plan my next 30 days as a founder: goals, weekly milestones and what to stop doing.',
  ],
  pm: [
    'Write a product requirements document for our most requested feature.',
    'Turn this quarter’s goals into a prioritised roadmap with reasons for the order.',
    'Draft five user-interview questions that test whether onboarding is too long.',
    'Summarise what to measure in the first week after a feature launch, and why.',
  ],
  staff_engineer: [
    'Review our architecture for the riskiest single points of failure and how to remove them.',
    'Write a technical design doc template our team can use for changes that span services.',
    'Plan a migration from a monolith endpoint to its own service, in reversible steps.',
    'List what a senior engineer should check in a code review, ordered by how often it matters.',
  ],
  devops: [
    'Write an incident runbook for the database becoming unreachable in production.',
    'Design a CI pipeline that keeps main releasable: stages, checks and time budgets.',
    'List the alerts every web service should have, with thresholds and who gets paged.',
    'Plan how to cut our cloud bill by 20 % without touching reliability.',
  ],
  cfo: [
    'Build a simple 18-month runway model and the three levers that move it most.',
    'Write the monthly update to investors: revenue, burn, runway, wins and asks.',
    'Explain our unit economics (CAC, LTV, payback) and what would improve each.',
    'Draft a pricing-change proposal with the revenue impact in three scenarios.',
  ],
  investor: [
    'Write a due-diligence checklist for a seed-stage software company.',
    'Draft an investment memo outline: market, team, traction, risks and the decision.',
    'List the questions to ask a founder about churn, and what good answers sound like.',
    'Summarise how to evaluate a market size claim in a pitch deck.',
  ],
  none: [
    'Write a one-page plan for the next 30 days of my project.',
    'List the five riskiest assumptions in what I am building and how to test each.',
    'Draft a short announcement of what we shipped this month.',
  ],
};

export function firstTasksFor(role: Role | null): string[] {
  return FIRST_TASKS[role ?? 'none'];
}

export const chatLink = (task: string) => `/chat?task=${encodeURIComponent(task)}`;
