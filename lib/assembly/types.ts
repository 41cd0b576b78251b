import type { InputFilter } from '@/lib/zod/schemas/assembly';
import type { Profile } from '@/lib/zod/schemas/profile';
import type { VibeSettings } from '@/lib/zod/schemas/vibe';

/** An active atom as the assembly engine sees it (loaded from public.prompt_atoms). */
export interface AssemblyAtom {
  id: string;
  name: string;
  version: number;
  category: string;
  systemPrompt: string;
  constraints: string[];
  examples: { input: string; output: string }[];
  weight: number;
  compatibleAtoms: string[];
  targetRoles: string[];
  targetVerticals: string[];
  keywords: string[];
  slider: 'playfulness' | 'revenue_focus' | 'investor_perspective' | null;
  sliderMin: number | null;
  sliderMax: number | null;
  usageCount: number;
  successRate: number;
}

export type AssemblyProfile = Pick<
  Profile,
  'displayName' | 'role' | 'vertical' | 'stack' | 'tone' | 'riskTolerance' | 'kpiFocus' | 'brandVoice' | 'companyContext' | 'preferredModels'
>;

export interface AssemblyInput {
  task: string;
  profile: AssemblyProfile;
  vibe: VibeSettings;
  atoms: readonly AssemblyAtom[];
  inputFilter?: InputFilter;
  /**
   * The templates attached to the task, already combined (lib/templates/combine-templates.ts):
   * they follow the task in the user prompt, and count in its token estimate.
   */
  templates?: string;
}
