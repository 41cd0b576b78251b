'use client';

import { FileCode2, X } from 'lucide-react';
import { useId, useState } from 'react';
import { MAX_TEMPLATES_PER_PROMPT } from '@/lib/zod/schemas/template-prompts';

export interface TemplateChoice {
  id: string;
  name: string;
  milestone: string;
  milestoneName: string;
  /** The caller has a customisation in use for it. */
  customized: boolean;
}

const MAX_ATTACHED_TEMPLATES = MAX_TEMPLATES_PER_PROMPT;

/**
 * Templates attached to the next task: chips for those chosen (each removable), and a disclosure
 * with the catalog as a filterable checklist grouped by milestone. At most ten; the run combines
 * them in dependency order with the caller's customisations.
 */
export function TemplatePicker({ choices, selected, onChange, disabled }: { choices: TemplateChoice[]; selected: string[]; onChange: (ids: string[]) => void; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const id = useId();
  const byId = new Map(choices.map((choice) => [choice.id, choice]));
  const needle = filter.trim().toLowerCase();
  const shown = choices.filter((choice) => !needle || choice.name.toLowerCase().includes(needle) || choice.id.includes(needle));
  const groups = [...new Set(shown.map((choice) => choice.milestone))].map((milestone) => ({
    milestone,
    name: shown.find((choice) => choice.milestone === milestone)!.milestoneName,
    items: shown.filter((choice) => choice.milestone === milestone),
  }));
  const full = selected.length >= MAX_ATTACHED_TEMPLATES;

  function toggle(templateId: string, on: boolean) {
    if (on && !selected.includes(templateId) && !full) onChange([...selected, templateId]);
    if (!on) onChange(selected.filter((item) => item !== templateId));
  }

  return (
    <div className="template-picker" data-testid="template-picker">
      <div className="row">
        <button type="button" className="button secondary sm" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)} disabled={disabled}>
          <FileCode2 aria-hidden size={16} />
          {selected.length === 0 ? 'Attach templates' : `Templates (${selected.length})`}
        </button>
        {selected.map((templateId) => (
          <span key={templateId} className="pill accent" data-testid="attached-template">
            {byId.get(templateId)?.name ?? templateId}
            <button type="button" className="button ghost icon" aria-label={`Remove ${byId.get(templateId)?.name ?? templateId}`} onClick={() => toggle(templateId, false)} disabled={disabled}>
              <X aria-hidden size={12} />
            </button>
          </span>
        ))}
      </div>
      {open ? (
        <div id={`${id}-panel`} className="template-picker-panel stack tight">
          <label>
            Find a template
            <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="e.g. rate limiting" />
          </label>
          <p className="muted small-print" role="status">
            {full ? `${MAX_ATTACHED_TEMPLATES} attached, the most one task takes.` : `${selected.length} of up to ${MAX_ATTACHED_TEMPLATES} attached. They are combined in build order with your customisations.`}
          </p>
          {groups.map((group) => (
            <fieldset key={group.milestone}>
              <legend>{group.name}</legend>
              {group.items.map((choice) => {
                const checked = selected.includes(choice.id);
                return (
                  <label key={choice.id} className="choice">
                    <input type="checkbox" checked={checked} disabled={disabled || (!checked && full)} onChange={(event) => toggle(choice.id, event.target.checked)} />
                    {choice.name}
                    {choice.customized ? <span className="muted"> (customised)</span> : null}
                  </label>
                );
              })}
            </fieldset>
          ))}
          {groups.length === 0 ? <p className="muted">No template matches.</p> : null}
        </div>
      ) : null}
    </div>
  );
}
