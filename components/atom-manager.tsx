'use client';

import { Plus } from 'lucide-react';
import { useState } from 'react';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';
import { ATOM_CATEGORIES, ATOM_SLIDERS, type Atom } from '@/lib/zod/schemas/atoms';
import { StatusMessage, type Status } from '@/components/status-message';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog';

type Mode = { kind: 'create' } | { kind: 'edit'; atom: Atom } | { kind: 'version'; atom: Atom };

interface Draft {
  name: string;
  category: Atom['category'];
  description: string;
  systemPrompt: string;
  weight: string;
  keywords: string;
  targetRoles: string;
  targetVerticals: string;
  slider: string;
  sliderMin: string;
  sliderMax: string;
}

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function draftOf(atom?: Atom): Draft {
  return {
    name: atom?.name ?? '',
    category: atom?.category ?? 'tone',
    description: atom?.description ?? '',
    systemPrompt: atom?.systemPrompt ?? '',
    weight: String(atom?.weight ?? 0.5),
    keywords: atom?.keywords.join(', ') ?? '',
    targetRoles: atom?.targetRoles.join(', ') ?? '',
    targetVerticals: atom?.targetVerticals.join(', ') ?? '',
    slider: atom?.slider ?? '',
    sliderMin: atom?.sliderMin?.toString() ?? '',
    sliderMax: atom?.sliderMax?.toString() ?? '',
  };
}

function bodyOf(draft: Draft) {
  return {
    category: draft.category,
    description: draft.description,
    systemPrompt: draft.systemPrompt,
    weight: Number(draft.weight),
    keywords: list(draft.keywords),
    targetRoles: list(draft.targetRoles),
    targetVerticals: list(draft.targetVerticals),
    slider: draft.slider || null,
    sliderMin: draft.slider ? Number(draft.sliderMin) : null,
    sliderMax: draft.slider ? Number(draft.sliderMax) : null,
  };
}

const DESCRIPTIONS: Record<Mode['kind'], string> = {
  create: 'A new atom is active at once: the next assembly can choose it.',
  edit: 'Changes apply to this version in place and keep its usage statistics.',
  version: 'A copy with your changes becomes the active version; its statistics start from zero and the other versions are deactivated.',
};

/** Whether an atom matches the search words (all of them) in its name, description or keywords. */
function matches(atom: Atom, search: string): boolean {
  const haystack = [atom.name, atom.description ?? '', ...atom.keywords].join(' ').toLowerCase();
  return search
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * Admin library of prompt atoms: search and filter by category, usage and success, create, edit,
 * version, deactivate and reactivate. The editor is a modal dialog, so it opens where the admin
 * is working, whichever row they picked.
 */
export function AtomManager({ atoms: initialAtoms }: { atoms: Atom[] }) {
  const [atoms, setAtoms] = useState(initialAtoms);
  const [mode, setMode] = useState<Mode | null>(null);
  const [draft, setDraft] = useState<Draft>(draftOf());
  const [status, setStatus] = useState<Status | null>(null);
  const [showInactive, setShowInactive] = useState(false);
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<'' | Atom['category']>('');
  const open = (next: Mode) => {
    setMode(next);
    setDraft(draftOf(next.kind === 'create' ? undefined : next.atom));
    setStatus(null);
  };

  async function refresh() {
    setAtoms((await apiFetch<{ atoms: Atom[] }>('/api/admin/atoms')).atoms);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!mode) return;
    try {
      if (mode.kind === 'create') {
        await apiFetch<Atom>('/api/admin/atoms', { method: 'POST', body: { name: draft.name, ...bodyOf(draft) } });
      } else if (mode.kind === 'edit') {
        await apiFetch<Atom>(`/api/admin/atoms/${mode.atom.id}`, { method: 'PATCH', body: bodyOf(draft) });
      } else {
        await apiFetch<Atom>(`/api/admin/atoms/${mode.atom.id}/versions`, { method: 'POST', body: bodyOf(draft) });
      }
      await refresh();
      setStatus({ kind: 'saved', text: mode.kind === 'version' ? 'New version created.' : 'Atom saved.' });
      setMode(null);
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  }

  async function reactivate(atom: Atom) {
    try {
      await apiFetch<Atom>(`/api/admin/atoms/${atom.id}`, { method: 'PATCH', body: { isActive: true } });
      await refresh();
      setStatus({ kind: 'saved', text: `Reactivated ${atom.name} v${atom.version}; its other versions are inactive.` });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  }

  async function deactivate(atom: Atom) {
    try {
      await apiFetch<Atom>(`/api/admin/atoms/${atom.id}`, { method: 'DELETE' });
      await refresh();
      setStatus({ kind: 'saved', text: `Deactivated ${atom.name} v${atom.version}.` });
    } catch (error) {
      setStatus({ kind: 'error', text: errorMessage(error) });
    }
  }

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const shown = atoms.filter((atom) => (showInactive || atom.isActive) && (!category || atom.category === category) && matches(atom, search));

  return (
    <section>
      <div className="section-head">
        <div>
          <h1>Prompt atoms</h1>
          <p className="muted">The library every prompt is assembled from. {atoms.filter((atom) => atom.isActive).length} active.</p>
        </div>
        <div className="row">
          <label className="choice">
            <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} />
            Show inactive
          </label>
          <button type="button" className="button" onClick={() => open({ kind: 'create' })}>
            <Plus aria-hidden="true" />
            New atom
          </button>
        </div>
      </div>
      <div className="row">
        <label>
          Search
          <input type="search" name="search" placeholder="Name, description or keyword" maxLength={100} value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          Category
          <select name="categoryFilter" value={category} onChange={(e) => setCategory(e.target.value as typeof category)}>
            <option value="">All categories</option>
            {ATOM_CATEGORIES.map((item) => (
              <option key={item}>{item}</option>
            ))}
          </select>
        </label>
      </div>
      <StatusMessage status={status} />

      <Dialog open={mode !== null} onOpenChange={(isOpen) => !isOpen && setMode(null)}>
        {mode ? (
          <DialogContent>
            <form className="fields" onSubmit={submit} aria-label="Atom editor">
              <div className="stack tight">
                <DialogTitle>{mode.kind === 'create' ? 'New atom' : mode.kind === 'edit' ? `Edit ${mode.atom.name} v${mode.atom.version}` : `New version of ${mode.atom.name}`}</DialogTitle>
                <DialogDescription>{DESCRIPTIONS[mode.kind]}</DialogDescription>
              </div>
              {mode.kind === 'create' ? (
                <label>
                  Name
                  <input name="name" required maxLength={100} value={draft.name} onChange={(e) => set('name', e.target.value)} />
                </label>
              ) : null}
              <div className="row">
                <label>
                  Category
                  <select name="category" value={draft.category} onChange={(e) => set('category', e.target.value as Atom['category'])}>
                    {ATOM_CATEGORIES.map((category) => (
                      <option key={category}>{category}</option>
                    ))}
                  </select>
                </label>
                <label>
                  Weight (0–1)
                  <input name="weight" type="number" min={0} max={1} step={0.05} value={draft.weight} onChange={(e) => set('weight', e.target.value)} />
                </label>
              </div>
              <label>
                Description
                <input name="description" maxLength={1000} value={draft.description} onChange={(e) => set('description', e.target.value)} />
              </label>
              <label>
                System prompt
                <textarea name="systemPrompt" rows={5} maxLength={4000} required value={draft.systemPrompt} onChange={(e) => set('systemPrompt', e.target.value)} />
              </label>
              <label>
                <span>
                  Keywords <span className="muted">(comma-separated)</span>
                </span>
                <input name="keywords" value={draft.keywords} onChange={(e) => set('keywords', e.target.value)} />
              </label>
              <div className="row">
                <label>
                  Target roles
                  <input name="targetRoles" value={draft.targetRoles} onChange={(e) => set('targetRoles', e.target.value)} />
                </label>
                <label>
                  Target verticals
                  <input name="targetVerticals" value={draft.targetVerticals} onChange={(e) => set('targetVerticals', e.target.value)} />
                </label>
              </div>
              <div className="row">
                <label>
                  Slider
                  <select name="slider" value={draft.slider} onChange={(e) => set('slider', e.target.value)}>
                    <option value="">None</option>
                    {ATOM_SLIDERS.map((slider) => (
                      <option key={slider}>{slider}</option>
                    ))}
                  </select>
                </label>
                <label>
                  From
                  <input name="sliderMin" type="number" min={0} max={100} disabled={!draft.slider} value={draft.sliderMin} onChange={(e) => set('sliderMin', e.target.value)} />
                </label>
                <label>
                  To
                  <input name="sliderMax" type="number" min={0} max={100} disabled={!draft.slider} value={draft.sliderMax} onChange={(e) => set('sliderMax', e.target.value)} />
                </label>
              </div>
              <div className="actions">
                <button type="submit" className="button">
                  Save
                </button>
                <button type="button" className="button secondary" onClick={() => setMode(null)}>
                  Cancel
                </button>
              </div>
            </form>
          </DialogContent>
        ) : null}
      </Dialog>

      {shown.length === 0 ? <p className="muted">No atoms match.</p> : null}
      <table className="atoms stack-on-phone" aria-label="Atoms">
        <thead>
          <tr>
            <th>Name</th>
            <th>Version</th>
            <th>Category</th>
            <th>Weight</th>
            <th>Used</th>
            <th>Success</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {shown.map((atom) => (
            <tr key={atom.id} data-testid="atom-row" data-name={atom.name}>
              <td data-label="Name">{atom.name}</td>
              <td data-label="Version">v{atom.version}</td>
              <td data-label="Category">{atom.category}</td>
              <td data-label="Weight">{atom.weight.toFixed(2)}</td>
              <td data-label="Used">{atom.usageCount}</td>
              <td data-label="Success">{(atom.successRate * 100).toFixed(0)}%</td>
              <td data-label="Status">{atom.isActive ? 'active' : 'inactive'}</td>
              <td className="cell-actions" data-label="Actions">
                <button type="button" className="link" onClick={() => open({ kind: 'edit', atom })}>
                  Edit
                </button>
                <button type="button" className="link" onClick={() => open({ kind: 'version', atom })}>
                  New version
                </button>
                {atom.isActive ? (
                  <button type="button" className="link danger" onClick={() => void deactivate(atom)}>
                    Deactivate
                  </button>
                ) : (
                  <button type="button" className="link" onClick={() => void reactivate(atom)}>
                    Reactivate
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
