'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useBrowserTimeZone } from '@/components/use-browser-time-zone';
import { searchTimeZones, timeZones } from '@/lib/client/time-zones';
import styles from '@/components/time-zone-combobox.module.css';

const SHOWN = 80;

interface TimeZoneComboboxProps {
  name: string;
  label?: string;
  value: string;
  onChange: (zone: string) => void;
  /** The field's validation message, shown under it and linked with aria-describedby. */
  error?: string;
  /** Offers a one-click "use this browser's zone" when the value is another one. */
  suggestBrowserZone?: boolean;
}

/**
 * A searchable time-zone field (WAI-ARIA combobox with a list popup): type part of a name, move
 * with the arrow keys, Enter picks, Escape closes the list (or, closed, puts back the value it had
 * before typing). What is typed is the value, so a zone that is not in the list is reported by
 * the form's schema like any other mistake.
 */
export function TimeZoneCombobox({ name, label = 'Time zone', value, onChange, error, suggestBrowserZone = false }: TimeZoneComboboxProps) {
  const id = useId();
  const inputId = `${id}-input`;
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const browserZone = useBrowserTimeZone();
  const before = useRef(value);
  const list = useRef<HTMLUListElement>(null);

  const matches = useMemo(() => searchTimeZones(query ?? ''), [query]);
  const shown = matches.slice(0, SHOWN);
  const activeId = open && shown[active] ? `${id}-option-${active}` : undefined;

  useEffect(() => {
    if (!open) return;
    list.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active, open]);

  const openList = () => {
    if (!open) before.current = value;
    setOpen(true);
  };

  const choose = (zone: string) => {
    onChange(zone);
    setQuery(null);
    setOpen(false);
  };

  const close = () => {
    setOpen(false);
    setQuery(null);
    // A zone typed in full (in any case) becomes its proper spelling.
    const exact = timeZones().find((zone) => zone.toLowerCase() === value.trim().toLowerCase());
    if (exact && exact !== value) onChange(exact);
  };

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) openList();
        else setActive((index) => Math.min(index + 1, shown.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) openList();
        else setActive((index) => Math.max(index - 1, 0));
        break;
      case 'Enter':
        if (open && shown[active]) {
          event.preventDefault();
          choose(shown[active]);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          setOpen(false);
          setQuery(null);
        } else if (value !== before.current) {
          event.preventDefault();
          onChange(before.current);
        }
        break;
      case 'Tab':
        if (open) close();
        break;
    }
  }

  const describedBy = [error ? errorId : null, `${id}-hint`].filter(Boolean).join(' ');

  return (
    <div className={styles.field}>
      <label htmlFor={inputId}>{label}</label>
      <div className={styles.box}>
        <input
          id={inputId}
          name={name}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeId}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            setQuery(event.target.value);
            setActive(0);
            openList();
          }}
          onFocus={() => {
            before.current = value;
          }}
          onClick={openList}
          onBlur={close}
          onKeyDown={onKeyDown}
        />
        <div className={styles.popup} hidden={!open}>
          <ul id={listId} ref={list} role="listbox" aria-label="Time zones" className={styles.list} hidden={shown.length === 0}>
            {shown.map((zone, index) => (
              <li
                key={zone}
                id={`${id}-option-${index}`}
                data-index={index}
                role="option"
                aria-selected={index === active}
                className={index === active ? styles.active : undefined}
                // Before the input's blur, so the click is not lost when the list closes.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(zone);
                }}
                onMouseMove={() => setActive(index)}
              >
                {zone}
                {zone === browserZone ? <span className="muted"> · this browser</span> : null}
              </li>
            ))}
          </ul>
          {matches.length === 0 ? <p className={styles.note}>No time zone matches “{query}”.</p> : null}
          {matches.length > SHOWN ? <p className={styles.note}>{matches.length - SHOWN} more: keep typing to narrow the list.</p> : null}
        </div>
      </div>
      {error ? (
        <span className="error field-error" id={errorId}>
          {error}
        </span>
      ) : null}
      <span id={`${id}-hint`} className={`muted ${styles.hint}`}>
        {open ? `${matches.length} ${matches.length === 1 ? 'zone matches' : 'zones match'}. ` : null}
        Type a city or region, such as Berlin or New York.
      </span>
      {suggestBrowserZone && browserZone && browserZone !== value ? (
        <button type="button" className={`link ${styles.suggest}`} onClick={() => choose(browserZone)}>
          Use this browser’s time zone ({browserZone})
        </button>
      ) : null}
    </div>
  );
}
