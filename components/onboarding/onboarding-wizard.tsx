'use client';

import Link from 'next/link';
import { useState } from 'react';
import { VibeSliders } from '@/components/vibe-sliders';
import { apiFetch, errorMessage } from '@/lib/client/api-fetch';
import { ROLE_LABELS, STACK_LABELS, VERTICAL_LABELS } from '@/lib/client/labels';
import { ONBOARDING_STEPS, ROLES, STACK_FLAGS, VERTICALS, type Profile, type Stack, type UpdateProfileBody } from '@/lib/zod/schemas/profile';
import type { Slider, Vibe } from '@/lib/zod/schemas/vibe';

type Step = (typeof ONBOARDING_STEPS)[number];
const STEPS: Exclude<Step, 'done'>[] = ['role', 'vertical', 'stack', 'vibe', 'voice'];
const TITLES: Record<Exclude<Step, 'done'>, string> = {
  role: 'What is your role?',
  vertical: 'What kind of company is it?',
  stack: 'Which tools do you work with?',
  vibe: 'Set your vibe',
  voice: 'Your voice and your company',
};

function nextStep(step: Exclude<Step, 'done'>): Step {
  return ONBOARDING_STEPS[ONBOARDING_STEPS.indexOf(step) + 1]!;
}

/**
 * Each step saves as it goes (including the step reached), so leaving half-way and coming back
 * resumes where the user stopped. Skipping moves on and keeps the defaults.
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
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const step = profile.onboardingStep;

  async function save(changes: UpdateProfileBody, options: { withVibe?: boolean } = {}) {
    setSaving(true);
    setError(null);
    try {
      if (options.withVibe) await apiFetch('/api/vibe', { method: 'PUT', body: sliders });
      setProfile(await apiFetch<Profile>('/api/profile', { method: 'PUT', body: changes }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setSaving(false);
    }
  }

  if (step === 'done') {
    return (
      <section className="card wizard">
        <h1>You are all set</h1>
        <p>Venture Companion now knows who you are. Tune your vibe any time, or change your profile in settings.</p>
        <div className="actions">
          <Link href="/dashboard" className="button">
            Go to your dashboard
          </Link>
          <Link href="/vibe" className="button secondary">
            Tune your vibe
          </Link>
        </div>
      </section>
    );
  }

  const index = STEPS.indexOf(step);
  const next = nextStep(step);
  const skip = () => save({ onboardingStep: next });

  return (
    <section className="card wizard" aria-labelledby="wizard-title">
      <p className="muted" data-testid="wizard-progress">
        Step {index + 1} of {STEPS.length}
      </p>
      <h1 id="wizard-title">{TITLES[step]}</h1>

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
            <textarea name="brandVoice" rows={3} maxLength={500} value={brandVoice} onChange={(event) => setBrandVoice(event.target.value)} />
          </label>
          <label>
            Company context <span className="muted">({companyContext.length}/2000)</span>
            <textarea name="companyContext" rows={6} maxLength={2000} value={companyContext} onChange={(event) => setCompanyContext(event.target.value)} />
          </label>
        </div>
      ) : null}

      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}

      <div className="actions">
        <button
          type="button"
          className="button"
          disabled={saving}
          onClick={() => {
            if (step === 'role') void save({ role: profile.role, onboardingStep: next });
            else if (step === 'vertical') void save({ vertical: profile.vertical, onboardingStep: next });
            else if (step === 'stack') void save({ stack: profile.stack, onboardingStep: next });
            else if (step === 'vibe') void save({ onboardingStep: next }, { withVibe: true });
            else void save({ brandVoice: brandVoice || null, companyContext: companyContext || null, onboardingStep: next });
          }}
        >
          {step === 'voice' ? 'Finish' : 'Continue'}
        </button>
        <button type="button" className="button secondary" disabled={saving} onClick={() => void skip()}>
          Skip
        </button>
      </div>
    </section>
  );
}
