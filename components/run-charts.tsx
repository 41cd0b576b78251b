'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { exactUsd, formatUsd } from '@/lib/client/format-money';
import { CHART_METRIC_LABELS, CHART_METRICS, formatMetric, formatRange, summarizeDays, summarizeModels, type ChartMetric } from '@/lib/client/format-stats';
import type { RunStats } from '@/lib/zod/schemas/run-stats';
import styles from './dashboard.module.css';

function ChartLoading() {
  return <div className={`${styles.chartPlaceholder} muted`}>Loading chart…</div>;
}

// Recharts is large: the page paints with the numbers first, and a chart's code loads and
// renders only once its box comes near the screen (below the fold on a phone, that is never
// during the first load).
const DailyBarChart = dynamic(() => import('@/components/run-charts-view').then((m) => m.DailyBarChart), { ssr: false, loading: ChartLoading });
const ModelBarChart = dynamic(() => import('@/components/run-charts-view').then((m) => m.ModelBarChart), { ssr: false, loading: ChartLoading });

/** A chart's box, of its final size from the start (no layout shift), drawing its chart once near the screen. */
function ChartBox({ height, children }: { height?: number; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element || near) return;
    const observer = new IntersectionObserver((entries) => entries.some((entry) => entry.isIntersecting) && setNear(true), { rootMargin: '200px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return (
    <div ref={box} className={styles.chartBox} style={height ? { height } : undefined}>
      {near ? children : <ChartLoading />}
    </div>
  );
}

const MODEL_ROW_PX = 36;

/** Totals, a bar per day and the per-model breakdown of the range the filters chose. */
export function RunCharts({ stats }: { stats: RunStats }) {
  const [metric, setMetric] = useState<ChartMetric>('runs');
  const { totals } = stats;
  const range = formatRange(stats.from, stats.to);
  const label = CHART_METRIC_LABELS[metric];
  const daysSummary = summarizeDays(stats.days, metric);
  const modelsSummary = summarizeModels(stats.models, metric);

  return (
    <>
      <section className="card" aria-labelledby="activity-heading">
        <h2 id="activity-heading">Activity · {range}</h2>
        <dl className={styles.summary}>
          <div>
            <dt>Runs</dt>
            <dd data-testid="total-runs">{totals.runs.toLocaleString('en-US')}</dd>
          </div>
          <div>
            <dt>Approval rate</dt>
            <dd data-testid="approval-rate" title={totals.rated ? `${totals.approved} of ${totals.rated} rated runs approved` : 'No rated runs'}>
              {totals.approvalRate === null ? '–' : `${Math.round(totals.approvalRate * 100)}%`}
            </dd>
          </div>
          <div>
            <dt>Tokens</dt>
            <dd data-testid="total-tokens">{totals.tokens.toLocaleString('en-US')}</dd>
          </div>
          <div>
            <dt>Cost</dt>
            <dd data-testid="total-cost" title={exactUsd(totals.costUsd)}>
              {formatUsd(totals.costUsd)}
            </dd>
          </div>
        </dl>
        <div className={styles.metricSwitch} role="group" aria-label="The charts show">
          {CHART_METRICS.map((option) => (
            <button key={option} type="button" className="button secondary" aria-pressed={metric === option} onClick={() => setMetric(option)}>
              {CHART_METRIC_LABELS[option]}
            </button>
          ))}
        </div>
        <figure className={styles.figure} data-testid="chart-daily">
          <figcaption>
            {label} per day (UTC)
            <span className="muted">{daysSummary}</span>
          </figcaption>
          <ChartBox>
            <DailyBarChart days={stats.days} metric={metric} title={`${label} per day: ${daysSummary}`} />
          </ChartBox>
        </figure>
      </section>
      <section className="card" aria-labelledby="models-heading">
        <h2 id="models-heading">By model</h2>
        {stats.models.length === 0 ? (
          <p className="muted">No runs in this range.</p>
        ) : (
          <>
            <figure className={styles.figure} data-testid="chart-models">
              <figcaption>
                {label} per model
                <span className="muted">{modelsSummary}</span>
              </figcaption>
              <ChartBox height={stats.models.length * MODEL_ROW_PX + 48}>
                <ModelBarChart models={stats.models} metric={metric} title={`${label} per model: ${modelsSummary}`} />
              </ChartBox>
            </figure>
            <div className={styles.tableWrap}>
              <table aria-label="Runs, tokens and cost per model">
                <thead>
                  <tr>
                    <th scope="col">Model</th>
                    <th scope="col" className={styles.numeric}>Runs</th>
                    <th scope="col" className={styles.numeric}>Tokens</th>
                    <th scope="col" className={styles.numeric}>Cost</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.models.map((model) => (
                    <tr key={model.model} data-testid="model-row">
                      <th scope="row">{model.model}</th>
                      <td className={styles.numeric}>{model.runs.toLocaleString('en-US')}</td>
                      <td className={styles.numeric}>{model.tokens.toLocaleString('en-US')}</td>
                      <td className={styles.numeric} title={exactUsd(model.costUsd)}>
                        {formatMetric('costUsd', model)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}
