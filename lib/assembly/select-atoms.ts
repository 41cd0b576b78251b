/**
 * Which atoms a prompt blends, in what order, and why.
 *
 * Influences, strongest first (the recipe lists atoms in this order):
 *   1. slider   — per vibe slider (playfulness, revenue focus, investor perspective, in that
 *                 order) the atom whose inclusive [sliderMin, sliderMax] contains the value.
 *                 A value is used as given: 0 means 0. If several atoms match (an overlapping
 *                 library) the one ranked first by the tie-break below wins; if none matches
 *                 (a broken library) that slider contributes no atom.
 *   2. selected — atoms the user picked in vibe.selectedAtoms (ids not in the library are ignored).
 *   3. role     — atoms whose targetRoles include profile.role.
 *   4. vertical — atoms whose targetVerticals include profile.vertical.
 *   5. stack    — for each stack flag that is on, atoms whose keywords include the flag name.
 *   6. keyword  — atoms with a keyword found in the task as a whole word or phrase, ignoring case.
 * An atom appears once, under the first influence that picks it.
 *
 * Eligibility: atoms are compared by name, and only the highest version of a name is used. A
 * slider atom enters only through its slider band or an explicit selection, never by role or
 * keyword, so the three sliders always speak with one voice each. An atom aimed at other roles
 * (or verticals) than the user's is used only when the user selects it. An atom whose system
 * prompt exceeds ATOM_LIMITS.systemPrompt is not eligible.
 *
 * Effective weight (the recipe's `weight`, rounded to 4 decimals):
 *   atom.weight × influence factor × learning factor, where the influence factor is 1 for
 *   slider, selected, role and vertical; 0.7 for a stack atom chosen by its flag alone, 1 when
 *   the task also names one of its keywords; 0.8 for a keyword atom with one distinct matching
 *   keyword, 0.9 with two, 1 with three or more. The learning factor is 1 until an atom has been
 *   rated MIN_USAGE_FOR_LEARNING times, then 0.9 + 0.2 × successRate (0.9 to 1.1), so feedback
 *   nudges an atom without letting a few votes decide.
 *
 * Cut-off (at most MAX_SELECTED_ATOMS = 12): slider, selected, role and vertical atoms are kept
 * first, in the order above (by influence, then effective weight); stack and keyword atoms then
 * fill the remaining places by effective weight, a stack atom winning a tie with a keyword atom.
 *
 * Tie-break everywhere: effective weight descending, then name, then id, so the result never
 * depends on the order of the atoms array.
 */

import type { BlendRecipeItem } from '@/lib/zod/schemas/assembly';
import type { StackFlag } from '@/lib/zod/schemas/profile';
import type { AssemblyAtom, AssemblyInput } from '@/lib/assembly/types';
import { ATOM_LIMITS, MAX_SELECTED_ATOMS } from '@/lib/assembly/limits';
import { findWholePhrase, keywordForm, normalizeForMatching, wordsOf } from '@/lib/assembly/keyword-match';

export type Influence = BlendRecipeItem['influence'];

export const INFLUENCE_ORDER: readonly Influence[] = ['slider', 'selected', 'role', 'vertical', 'stack', 'keyword'];
export const MIN_USAGE_FOR_LEARNING = 20;
export const STACK_FLAG_ONLY_FACTOR = 0.7;

/** Vibe key ↔ database slider name, in the order the recipe lists them. */
export const SLIDER_KEYS = [
  { vibeKey: 'playfulness', slider: 'playfulness', label: 'playfulness' },
  { vibeKey: 'revenueFocus', slider: 'revenue_focus', label: 'revenue focus' },
  { vibeKey: 'investorPerspective', slider: 'investor_perspective', label: 'investor perspective' },
] as const;

const STACK_LABELS: Record<StackFlag, string> = {
  code_repo: 'a code repository',
  issue_tracker: 'an issue tracker',
  doc_space: 'a doc space',
  ci_cd: 'a CI/CD pipeline',
  infra: 'cloud infrastructure',
  analytics: 'a product analytics tool',
};
const STACK_FLAGS = Object.keys(STACK_LABELS) as StackFlag[];
const STACK_FLAG_SET = new Set<string>(STACK_FLAGS);

export interface SelectedAtom {
  atom: AssemblyAtom;
  recipe: BlendRecipeItem;
}

interface KeywordEntry {
  keyword: string;
  leading: string;
  atoms: AssemblyAtom[];
}

/** What can be computed once per atoms array: eligibility, lookups and the keyword index. */
interface LibraryIndex {
  byId: Map<string, AssemblyAtom>;
  bySlider: Map<string, AssemblyAtom[]>;
  byRole: Map<string, AssemblyAtom[]>;
  byVertical: Map<string, AssemblyAtom[]>;
  byStackFlag: Map<string, AssemblyAtom[]>;
  keywords: KeywordEntry[];
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const humanize = (value: string): string => value.replaceAll('_', ' ');

function byNameThenId(a: AssemblyAtom, b: AssemblyAtom): number {
  return compareText(a.name, b.name) || compareText(a.id, b.id);
}

/** Adds value under key once: an atom's entries are pushed one after another, so a repeat is the last one. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

// Insertion order here follows the input array; every reader sorts (rankGroup, found keywords),
// which is what keeps the result independent of that order.
function buildIndex(atoms: readonly AssemblyAtom[]): LibraryIndex {
  const latest = new Map<string, AssemblyAtom>();
  for (const atom of atoms) {
    if (atom.systemPrompt.length > ATOM_LIMITS.systemPrompt) continue;
    const current = latest.get(atom.name);
    if (!current || atom.version > current.version || (atom.version === current.version && atom.id < current.id)) {
      latest.set(atom.name, atom);
    }
  }

  const index: LibraryIndex = { byId: new Map(), bySlider: new Map(), byRole: new Map(), byVertical: new Map(), byStackFlag: new Map(), keywords: [] };
  const keywordEntries = new Map<string, KeywordEntry>();
  for (const atom of latest.values()) {
    index.byId.set(atom.id, atom);
    if (atom.slider !== null) {
      push(index.bySlider, atom.slider, atom);
      continue;
    }
    for (const role of atom.targetRoles) push(index.byRole, role, atom);
    for (const vertical of atom.targetVerticals) push(index.byVertical, vertical, atom);
    for (const raw of atom.keywords) {
      const form = keywordForm(raw);
      if (form.keyword === '') continue;
      const entry = keywordEntries.get(form.keyword);
      if (!entry) keywordEntries.set(form.keyword, { ...form, atoms: [atom] });
      else if (entry.atoms[entry.atoms.length - 1] !== atom) entry.atoms.push(atom);
      if (STACK_FLAG_SET.has(form.keyword)) push(index.byStackFlag, form.keyword, atom);
    }
  }
  index.keywords = [...keywordEntries.values()];
  return index;
}

// A one-entry memo keyed on the array's identity: the caller is expected to keep one library array
// (treated as immutable) and pass it on every call. Another array simply rebuilds the index, which
// costs less than a WeakMap entry's upkeep when arrays are short-lived.
let memo: { atoms: readonly AssemblyAtom[]; index: LibraryIndex } | undefined;

function libraryIndex(atoms: readonly AssemblyAtom[]): LibraryIndex {
  if (memo?.atoms !== atoms) memo = { atoms, index: buildIndex(atoms) };
  return memo.index;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function learningFactor(atom: AssemblyAtom): number {
  return atom.usageCount >= MIN_USAGE_FOR_LEARNING ? 0.9 + 0.2 * atom.successRate : 1;
}

function keywordFactor(distinctHits: number): number {
  return Math.min(1, 0.8 + 0.1 * (distinctHits - 1));
}

function quoteList(words: string[]): string {
  const shown = words.slice(0, 3).map((w) => `"${w}"`);
  const more = words.length > 3 ? ` and ${words.length - 3} more` : '';
  return shown.length <= 1 ? `${shown.join('')}${more}` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}${more}`;
}

interface Candidate {
  atom: AssemblyAtom;
  influence: Influence;
  weight: number;
  reason: string;
  /** Position of the slider in SLIDER_KEYS, so slider atoms keep the slider order. */
  sliderRank: number;
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    INFLUENCE_ORDER.indexOf(a.influence) - INFLUENCE_ORDER.indexOf(b.influence) ||
    a.sliderRank - b.sliderRank ||
    b.weight - a.weight ||
    byNameThenId(a.atom, b.atom)
  );
}

function compareFill(a: Candidate, b: Candidate): number {
  return b.weight - a.weight || INFLUENCE_ORDER.indexOf(a.influence) - INFLUENCE_ORDER.indexOf(b.influence) || byNameThenId(a.atom, b.atom);
}

/** Keywords found in the task, per atom id, in the order they first appear (then alphabetical). */
function matchKeywords(index: LibraryIndex, task: string): Map<string, string[]> {
  const text = normalizeForMatching(task);
  const words = wordsOf(text);
  const found: { keyword: string; at: number; atoms: AssemblyAtom[] }[] = [];
  for (const entry of index.keywords) {
    if (entry.leading !== '' && !words.has(entry.leading)) continue;
    const at = findWholePhrase(text, entry.keyword);
    if (at !== -1) found.push({ keyword: entry.keyword, at, atoms: entry.atoms });
  }
  found.sort((a, b) => a.at - b.at || compareText(a.keyword, b.keyword));
  const hits = new Map<string, string[]>();
  for (const { keyword, atoms } of found) for (const atom of atoms) push(hits, atom.id, keyword);
  // "cold email" also contains the keyword "email": one mention counts once, as the longer phrase.
  for (const [id, words] of hits) {
    if (words.length > 1) hits.set(id, words.filter((word) => !words.some((other) => other !== word && findWholePhrase(other, word) !== -1)));
  }
  return hits;
}

export function selectAtoms(input: Pick<AssemblyInput, 'task' | 'profile' | 'vibe' | 'atoms'>): SelectedAtom[] {
  const index = libraryIndex(input.atoms);
  const { profile, vibe } = input;
  const chosen = new Map<string, Candidate>();
  const pinned: Candidate[] = [];
  const fill: Candidate[] = [];

  const offer = (list: Candidate[], candidate: Candidate) => {
    if (chosen.has(candidate.atom.id)) return;
    chosen.set(candidate.atom.id, candidate);
    list.push(candidate);
  };
  const rankGroup = (group: Candidate[]) => group.sort(compareCandidates);

  SLIDER_KEYS.forEach(({ vibeKey, slider, label }, sliderRank) => {
    const value = vibe[vibeKey];
    const matches = (index.bySlider.get(slider) ?? [])
      .filter((atom) => atom.sliderMin !== null && atom.sliderMax !== null && atom.sliderMin <= value && value <= atom.sliderMax)
      .map((atom): Candidate => ({
        atom,
        influence: 'slider',
        weight: round4(atom.weight * learningFactor(atom)),
        reason: `${label} ${value} falls in ${atom.sliderMin}–${atom.sliderMax}`,
        sliderRank,
      }));
    const best = rankGroup(matches)[0];
    if (best) offer(pinned, best);
  });

  const plain = (atom: AssemblyAtom, influence: Influence, reason: string): Candidate => ({
    atom,
    influence,
    weight: round4(atom.weight * learningFactor(atom)),
    reason,
    sliderRank: 0,
  });

  const selected = [...new Set(vibe.selectedAtoms)].flatMap((id) => {
    const atom = index.byId.get(id);
    return atom ? [plain(atom, 'selected', 'you selected this atom in your vibe')] : [];
  });
  for (const candidate of rankGroup(selected)) offer(pinned, candidate);

  const fitsProfile = (atom: AssemblyAtom) =>
    (atom.targetRoles.length === 0 || (profile.role !== null && atom.targetRoles.includes(profile.role))) &&
    (atom.targetVerticals.length === 0 || (profile.vertical !== null && atom.targetVerticals.includes(profile.vertical)));

  if (profile.role !== null) {
    const role = profile.role;
    const group = (index.byRole.get(role) ?? []).filter(fitsProfile).map((atom) => plain(atom, 'role', `your role is ${humanize(role)}`));
    for (const candidate of rankGroup(group)) offer(pinned, candidate);
  }
  if (profile.vertical !== null) {
    const vertical = profile.vertical;
    const group = (index.byVertical.get(vertical) ?? []).filter(fitsProfile).map((atom) => plain(atom, 'vertical', `your vertical is ${humanize(vertical)}`));
    for (const candidate of rankGroup(group)) offer(pinned, candidate);
  }

  const hits = matchKeywords(index, input.task);
  const activeFlags = STACK_FLAGS.filter((flag) => profile.stack[flag] === true);
  const stackGroup: Candidate[] = [];
  const stackSeen = new Set<string>();
  for (const flag of activeFlags) {
    for (const atom of index.byStackFlag.get(flag) ?? []) {
      if (stackSeen.has(atom.id) || !fitsProfile(atom)) continue;
      stackSeen.add(atom.id);
      const taskWords = (hits.get(atom.id) ?? []).filter((word) => !STACK_FLAGS.includes(word as StackFlag));
      const factor = taskWords.length > 0 ? 1 : STACK_FLAG_ONLY_FACTOR;
      const reason = `you use ${STACK_LABELS[flag]}${taskWords.length > 0 ? ` and the task mentions ${quoteList(taskWords)}` : ''}`;
      stackGroup.push({ ...plain(atom, 'stack', reason), weight: round4(atom.weight * factor * learningFactor(atom)) });
    }
  }
  for (const candidate of rankGroup(stackGroup)) offer(fill, candidate);

  const keywordGroup: Candidate[] = [];
  for (const [id, words] of hits) {
    const atom = index.byId.get(id)!;
    if (!fitsProfile(atom)) continue;
    keywordGroup.push({
      ...plain(atom, 'keyword', `task mentions ${quoteList(words)}`),
      weight: round4(atom.weight * keywordFactor(words.length) * learningFactor(atom)),
    });
  }
  for (const candidate of rankGroup(keywordGroup)) offer(fill, candidate);

  const kept = pinned.slice(0, MAX_SELECTED_ATOMS);
  kept.push(...fill.sort(compareFill).slice(0, MAX_SELECTED_ATOMS - kept.length));
  return kept.sort(compareCandidates).map(({ atom, influence, weight, reason }) => ({
    atom,
    recipe: { id: atom.id, name: atom.name, category: atom.category, weight, influence, reason },
  }));
}
