import styles from '@/components/onboarding/wizard-progress.module.css';

/** "Step 2 of 5" and a bar that says the same to assistive technology. */
export function WizardProgress({ step, total }: { step: number; total: number }) {
  const text = `Step ${step} of ${total}`;
  return (
    <div className={styles.progress}>
      <p className="muted" data-testid="wizard-progress" aria-hidden="true">
        {text}
      </p>
      <div
        className={styles.track}
        role="progressbar"
        aria-label="Onboarding progress"
        aria-valuemin={1}
        aria-valuemax={total}
        aria-valuenow={step}
        aria-valuetext={text}
      >
        <div className={styles.bar} style={{ width: `${(step / total) * 100}%` }} />
      </div>
    </div>
  );
}
