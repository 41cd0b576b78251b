import type { CustomizationRow } from '@/lib/templates/customization-row';
import type { DraftCustomizationBody } from '@/lib/zod/schemas/templates';

/** A draft's fields, each taken from the saved customisation (or empty) when the body leaves it out. */
export function draftOf(body: DraftCustomizationBody, row: CustomizationRow | null): { variables: Record<string, unknown>; customInstructions: string } {
  return { variables: body.variables ?? row?.variables ?? {}, customInstructions: body.customInstructions ?? row?.custom_instructions ?? '' };
}
