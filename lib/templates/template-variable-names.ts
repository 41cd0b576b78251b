import { TEMPLATE_TAG } from '@/lib/templates/render-template';

/** Every variable name a mega-prompt's tags mention, in order of first use. */
export function templateVariableNames(template: string): string[] {
  return [...new Set([...template.matchAll(TEMPLATE_TAG)].map((match) => match[2]!))];
}
