import type { OutputType } from '@/lib/zod/schemas/runs';

/**
 * The output type 'auto' stands for. Deterministic: the first rule whose words appear in the task
 * (whole words, any case) wins, in this order, so "an agent that writes Python" is an agent
 * scaffold and "a Python script that analyses churn" is code:
 *   1. agent_scaffold — agent, bot, assistant, copilot
 *   2. code           — code, function, script, implement, refactor, debug, bug, class, endpoint,
 *                       regex, sql, query, typescript, javascript, python, unit test
 *   3. workflow       — workflow, automate, automation, pipeline, process, playbook, runbook,
 *                       checklist, trigger, step by step
 *   4. insight        — analyse/analyze, analysis, insight, metric(s), kpi, churn, trend, why,
 *                       compare, forecast, data
 *   5. content        — anything else (posts, emails, copy, plans, …)
 */
const RULES: [OutputType, RegExp][] = [
  ['agent_scaffold', /\b(agents?|bots?|assistants?|copilots?)\b/i],
  ['code', /\b(code|functions?|scripts?|implement|refactor|debug|bugs?|class|endpoints?|regex|sql|query|typescript|javascript|python|unit tests?)\b/i],
  ['workflow', /\b(workflows?|automate|automation|pipelines?|process|playbook|runbook|checklist|triggers?|step[- ]by[- ]step)\b/i],
  ['insight', /\b(analy[sz]e|analysis|insights?|metrics?|kpis?|churn|trends?|why|compare|forecast|data)\b/i],
];

export function resolveOutputType(task: string): OutputType {
  return RULES.find(([, pattern]) => pattern.test(task))?.[0] ?? 'content';
}
