import { renderTemplate, type TemplateValue } from '@/lib/templates/render-template';

/**
 * The prompt a customisation stands for: the version's mega-prompt rendered with the values, then
 * the custom instructions, which may use the same `{{…}}` tags and are rendered with the same values.
 * Throws TemplateSyntaxError when either names a variable the version does not have.
 */
export function renderCustomization(megaPrompt: string, values: Record<string, TemplateValue>, customInstructions = ''): string {
  const prompt = renderTemplate(megaPrompt, values);
  const instructions = customInstructions.trim();
  return instructions === '' ? prompt : `${prompt}\n\n${renderTemplate(instructions, values)}`;
}
