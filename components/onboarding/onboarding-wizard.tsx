'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { chatLink, firstTasksFor } from '@/components/onboarding/first-tasks';
import { WizardProgress } from '@/components/onboarding/wizard-progress';
import styles from '@/components/onboarding/onboarding-wizard.module.css';
import { TimeZoneCombobox } from '@/components/time-zone-combobox';
import { VibeSliders } from '@/components/vibe-sliders';
import { ApiClientError, apiFetch, errorMessage } from '@/lib/client/api-fetch';
import { ROLE_LABELS, STACK_LABELS, VERTICAL_LABELS } from '@/lib/client/labels';
import { timeZones } from '@/lib/client/time-zones';
import { useBrowserTimeZone } from '@/components/use-browser-time-zone';
import {
  ONBOARDING_STEPS,
  ROLES,
  STACK_FLAGS,
  updateProfileBodySchema,
  VERTICALS,
  type Profile,
  type Stack,
  type UpdateProfileBody,
} from '@/lib/zod/schemas/profile';
import type { Slider, Vibe } from '@/lib/zod/schemas/vibe';

type Step = (typeof ONBOARDING_STEPS)[number];
type QuestionStep = Exclude<Step, 'done'>;
const STEPS: QuestionStep[] = ['role', 'vertical', 'stack', 'vibe', 'voice'];
const TITLES: Record<QuestionStep, string> = {
  role: 'What is your role?',
  vertical: 'What kind of company is it?',
  stack: 'Which tools do you work with?',
  vibe: 'Set your vibe',
  voice: 'Your voice and your company',
};

/** Fields of the voice step that the schema checks, with their messages shown under each. */
type VoiceField = 'brandVoice' | 'companyContext' | 'timezone';
type FieldErrors = Partial<Record<VoiceField, string>>;

const indexOf = (step: Step) => ONBOARDING_STEPS.indexOf(step);
const later = (a: Step, b: Step): Step => (indexOf(a) >= indexOf(b) ? a : b);
const isStep = (value: string | null): value is Step => value !== null && (ONBOARDING_STEPS as readonly string[]).includes(value);

function urlFor(step: Step): string {
  const url = new URL(window.location.href);
  url.searchParams.set('step', step);
  return `${url.pathname}${url.search}`;
}

/**
 * The step shown is the one in the URL (?step=…), so browser Back and Forward move between steps
 * and always show the step the address and progress say; moving between steps pushes history
 * entries without a server round trip. The profile remembers the furthest step reached, so
 * leaving half-way and coming back resumes there; a URL may go back to any step up to it, never
 * beyond. Each Continue saves that step's answers; Skip moves on with the defaults.
 */
export function OnboardingWizard({ profile: initialProfile, vibe: initialVibe }: { profile: Profile; vibe: Vibe }) {
  const [profile, setProfile] = useState(initialProfile);
  const [sliders, setSliders] = useState<Record<Slider, number>>({
    playfulness: initialVibe.playfulness,
    revenueFocus: initialVibe.revenueFocus,
    investorPerspective: initialVibe.investorPerspective,
  });
  const [brandVoice, setBrandVoice] = useState(initialProfile.brandVoice ?? '');
  const [companyContext, setCompanyContext] = useState(initialProfile.companyContext ?? '');
  // Null until the person picks one: a new account still has the database's default (UTC), and
  // the browser's own zone is the better default.
  const [pickedZone, setTimezone] = useState<string | null>(null);
  const browserZone = useBrowserTimeZone();
  const timezone = pickedZone ?? (initialProfile.timezone === 'UTC' && browserZone ? browserZone : initialProfile.timezone);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  const reached = profile.onboardingStep;
  const requested = useSearchParams().get('step');
  // The page redirects any other URL to one naming a step reached; this is the same rule.
  const step: Step = isStep(requested) && indexOf(requested) <= indexOf(reached) ? requested : reached;

  // Each new step is announced by moving focus to its heading (not on the first render).
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const go = (target: Step) => {
    setError(null);
    window.history.pushState(null, '', urlFor(target));
  };

  async function save(changes: UpdateProfileBody, target: Step, options: { withVibe?: boolean } = {}) {
    const body = { ...changes, onboardingStep: later(reached, target) };
    const parsed = updateProfileBodySchema.safeParse(body);
    if (!parsed.success) {
      setFieldErrors(toFieldErrors(parsed.error.issues.map((issue) => ({ field: String(issue.path[0]), message: issue.message }))));
      setError('Some answers need a change before you go on.');
      return;
    }
    setSaving(true);
    setError(null);
    setFieldErrors({});
    try {
      if (options.withVibe) await apiFetch('/api/vibe', { method: 'PUT', body: sliders });
      setProfile(await apiFetch<Profile>('/api/profile', { method: 'PUT', body: parsed.data }));
      go(target);
    } catch (caught) {
      const fromServer = caught instanceof ApiClientError && caught.code === 'validation_failed' ? serverFieldError(caught.message) : null;
      if (fromServer) setFieldErrors(fromServer);
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  }

  if (step === 'done') {
    const tasks = firstTasksFor(profile.role);
    return (
      <section className="card wizard" aria-labelledby="wizard-title">
        <h1 id="wizard-title" ref={heading} tabIndex={-1}>
          You are all set
        </h1>
        <p>
          Venture Companion now knows who you are. Start with a first task
          {profile.role ? <span className="muted"> (suggested for your role: {ROLE_LABELS[profile.role]})</span> : null}:
        </p>
        <ul className={styles.tasks} aria-label="Suggested first tasks">
          {tasks.map((task) => (
            <li key={task}>
              <Link href={chatLink(task)}>{task}</Link>
            </li>
          ))}
        </ul>
        <div className="actions">
          <Link href="/chat" className="button">
            Ask something else
          </Link>
          <Link href="/dashboard" className="button secondary">
            Go to your dashboard
          </Link>
          <button type="button" className="button secondary" onClick={() => go('voice')}>
            Back
          </button>
        </div>
        <p className="muted">
          Tune your vibe any time on the <Link href="/vibe">vibe page</Link>, or change your answers in <Link href="/settings">settings</Link>.
        </p>
      </section>
    );
  }

  const index = STEPS.indexOf(step);
  const next = ONBOARDING_STEPS[indexOf(step) + 1]!;
  const previous = index > 0 ? STEPS[index - 1]! : null;
  const invalid = (field: VoiceField) =>
    fieldErrors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `onboarding-${field}-error` } : {};
  const fieldError = (field: VoiceField) =>
    fieldErrors[field] ? (
      <span className="error field-error" id={`onboarding-${field}-error`}>
        {fieldErrors[field]}
      </span>
    ) : null;

  const proceed = () => {
    if (step === 'role') void save({ role: profile.role }, next);
    else if (step === 'vertical') void save({ vertical: profile.vertical }, next);
    else if (step === 'stack') void save({ stack: profile.stack }, next);
    else if (step === 'vibe') void save({}, next, { withVibe: true });
    else void save({ brandVoice: brandVoice || null, companyContext: companyContext || null, timezone }, next);
  };

  // Skipping keeps the defaults, and the browser's zone is the default for the time zone.
  const skip = () => void save(step === 'voice' && timeZones().includes(timezone) ? { timezone } : {}, next);

  return (
    <section className="card wizard" aria-labelledby="wizard-title">
      <WizardProgress step={index + 1} total={STEPS.length} />
      <h1 id="wizard-title" ref={heading} tabIndex={-1}>
        {TITLES[step]}
      </h1>

      {step === 'role' ? (
        <fieldset className="choices">
          <legend className="sr-only">Role</legend>
          {ROLES.map((role) => (
            <label key={role} className="choice">
              <input type="radio" name="role" checked={profile.role === role} onChange={() => setProfile({ ...profile, role })} />
              {ROLE_LABELS[role]}
            </label>
          ))}
        </fieldset>
      ) : null}

      {step === 'vertical' ? (
        <fieldset className="choices">
          <legend className="sr-only">Vertical</legend>
          {VERTICALS.map((vertical) => (
            <label key={vertical} className="choice">
              <input type="radio" name="vertical" checked={profile.vertical === vertical} onChange={() => setProfile({ ...profile, vertical })} />
              {VERTICAL_LABELS[vertical]}
            </label>
          ))}
        </fieldset>
      ) : null}

      {step === 'stack' ? (
        <fieldset className="choices">
          <legend className="sr-only">Tools</legend>
          {STACK_FLAGS.map((flag) => (
            <label key={flag} className="choice">
              <input
                type="checkbox"
                name={flag}
                checked={profile.stack[flag]}
                onChange={(event) => setProfile({ ...profile, stack: { ...profile.stack, [flag]: event.target.checked } as Stack })}
              />
              {STACK_LABELS[flag]}
            </label>
          ))}
        </fieldset>
      ) : null}

      {step === 'vibe' ? <VibeSliders values={sliders} onChange={(slider, value) => setSliders({ ...sliders, [slider]: value })} /> : null}

      {step === 'voice' ? (
        <div className="fields">
          <label>
            Brand voice <span className="muted">({brandVoice.length}/500)</span>
            <textarea name="brandVoice" rows={3} {...invalid('brandVoice')} value={brandVoice} onChange={(event) => setBrandVoice(event.target.value)} />
            {fieldError('brandVoice')}
          </label>
          <label>
            Company context <span className="muted">({companyContext.length}/2000)</span>
            <textarea
              name="companyContext"
              rows={6}
              {...invalid('companyContext')}
              value={companyContext}
              onChange={(event) => setCompanyContext(event.target.value)}
            />
            {fieldError('companyContext')}
          </label>
          <TimeZoneCombobox name="timezone" value={timezone} onChange={setTimezone} error={fieldErrors.timezone} />
        </div>
      ) : null}

      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}

      <div className="actions">
        {previous ? (
          <button type="button" className="button secondary" disabled={saving} onClick={() => go(previous)}>
            Back
          </button>
        ) : null}
        <button type="button" className="button" disabled={saving} onClick={proceed}>
          {step === 'voice' ? 'Finish' : 'Continue'}
        </button>
        <button type="button" className="button secondary" disabled={saving} onClick={skip}>
          Skip
        </button>
      </div>
    </section>
  );
}

const VOICE_FIELDS: VoiceField[] = ['brandVoice', 'companyContext', 'timezone'];

function toFieldErrors(issues: { field: string; message: string }[]): FieldErrors {
  const found: FieldErrors = {};
  for (const { field, message } of issues) {
    if ((VOICE_FIELDS as string[]).includes(field)) found[field as VoiceField] ??= message;
  }
  return found;
}

/** The API names the field first ("timezone: Choose a time zone…"): show it under that field. */
function serverFieldError(message: string): FieldErrors | null {
  const match = /^([A-Za-z]+): (.+)$/.exec(message);
  if (!match) return null;
  const found = toFieldErrors([{ field: match[1]!, message: match[2]! }]);
  return Object.keys(found).length > 0 ? found : null;
}
