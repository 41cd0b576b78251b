'use client';

import { SLIDER_LABELS } from '@/lib/client/labels';
import { SLIDERS, type Slider } from '@/lib/zod/schemas/vibe';

export function VibeSliders({ values, onChange }: { values: Record<Slider, number>; onChange: (slider: Slider, value: number) => void }) {
  return (
    <div className="sliders">
      {SLIDERS.map((slider) => {
        const meta = SLIDER_LABELS[slider];
        return (
          <label key={slider} className="slider">
            <span className="slider-head">
              <span>{meta.label}</span>
              <output data-testid={`${slider}-value`}>{values[slider]}</output>
            </span>
            <input
              type="range"
              name={slider}
              aria-label={meta.label}
              min={0}
              max={100}
              step={1}
              value={values[slider]}
              onChange={(event) => onChange(slider, Number(event.target.value))}
            />
            <span className="slider-ends muted">
              <span>{meta.low}</span>
              <span>{meta.high}</span>
            </span>
          </label>
        );
      })}
    </div>
  );
}
