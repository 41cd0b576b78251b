'use client';

import { useId } from 'react';
import type { TemplateVariable } from '@/lib/templates/catalog-schema';
import type { TemplateValue } from '@/lib/templates/render-template';

/** One line per item: how a list variable is edited. */
export const listToText = (items: string[]) => items.join('\n');
export const textToList = (text: string) =>
  text
    .split('\n')
    .map((item) => item.trim())
    .filter(Boolean);

interface VariableFieldsProps {
  variables: TemplateVariable[];
  values: Record<string, TemplateValue>;
  /** The first problem of each variable (from the API's validation), shown under its field. */
  errors: Record<string, string>;
  onChange: (name: string, value: TemplateValue) => void;
  disabled?: boolean;
}

/**
 * The customisation form of a template, generated from its typed variables: a text field, a
 * select for an enum, a checkbox for a boolean, a number field with its bounds, and a list edited
 * one item per line. Each field says what it is for and what it accepts, and shows its error.
 */
export function VariableFields({ variables, values, errors, onChange, disabled = false }: VariableFieldsProps) {
  const prefix = useId();
  return (
    <div className="fields">
      {variables.map((variable) => {
        const id = `${prefix}-${variable.name}`;
        const error = errors[variable.name];
        const described = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
        const common = { id, name: variable.name, disabled, 'aria-invalid': error ? (true as const) : undefined, 'aria-describedby': described };
        const value = values[variable.name] ?? variable.default;
        const label = (
          <>
            {variable.label}
            {variable.required ? <span className="muted"> (required)</span> : null}
          </>
        );
        const hint = (
          <span className="muted field-error" id={`${id}-hint`}>
            {variable.description}
            {accepts(variable)}
          </span>
        );
        const problem = error ? (
          <span className="error field-error" id={`${id}-error`} role="alert">
            {error}
          </span>
        ) : null;

        if (variable.type === 'boolean') {
          return (
            <div key={variable.name}>
              <label className="choice" htmlFor={id}>
                <input type="checkbox" {...common} checked={value === true} onChange={(event) => onChange(variable.name, event.target.checked)} />
                {label}
              </label>
              {hint}
              {problem}
            </div>
          );
        }
        return (
          <label key={variable.name} htmlFor={id}>
            {label}
            {variable.type === 'enum' ? (
              <select {...common} value={String(value)} onChange={(event) => onChange(variable.name, event.target.value)}>
                {variable.options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : variable.type === 'number' ? (
              <input
                type="number"
                inputMode={variable.integer ? 'numeric' : 'decimal'}
                {...common}
                min={variable.min}
                max={variable.max}
                step={variable.integer ? 1 : 'any'}
                value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
                onChange={(event) => onChange(variable.name, event.target.value === '' ? Number.NaN : Number(event.target.value))}
              />
            ) : variable.type === 'list' ? (
              <textarea
                {...common}
                rows={Math.min(8, Math.max(3, Array.isArray(value) ? value.length + 1 : 3))}
                value={Array.isArray(value) ? listToText(value) : ''}
                onChange={(event) => onChange(variable.name, event.target.value.split('\n'))}
                onBlur={(event) => onChange(variable.name, textToList(event.target.value))}
              />
            ) : (
              <input type="text" {...common} maxLength={variable.maxLength} value={String(value)} spellCheck={false} onChange={(event) => onChange(variable.name, event.target.value)} />
            )}
            {hint}
            {problem}
          </label>
        );
      })}
    </div>
  );
}

function accepts(variable: TemplateVariable): string {
  switch (variable.type) {
    case 'string':
      return ` Up to ${variable.maxLength} characters${variable.pattern ? `, matching ${variable.pattern}` : ''}.`;
    case 'number': {
      const bounds = [variable.min !== undefined ? `at least ${variable.min}` : null, variable.max !== undefined ? `at most ${variable.max}` : null].filter(Boolean).join(' and ');
      return ` ${variable.integer ? 'A whole number' : 'A number'}${bounds ? `, ${bounds}` : ''}.`;
    }
    case 'list':
      return ` One per line, up to ${variable.maxItems}.`;
    default:
      return '';
  }
}
