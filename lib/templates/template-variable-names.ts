import { templateTokens } from '@/lib/templates/template-tokens';

/** Every variable name a mega-prompt's tags mention, in order of first use (escaped `{{{{` text is not a tag). */
export function templateVariableNames(template: string): string[] {
  const names = new Set<string>();
  for (const token of templateTokens(template)) if (token.kind === 'tag') names.add(token.name);
  return [...names];
}
