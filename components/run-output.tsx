import type { OutputType, RunOutput } from '@/lib/zod/schemas/runs';

/** A typed run result, shown the way a person reads it rather than as raw JSON. */
export function RunOutputView({ type, output }: { type: OutputType | null; output: RunOutput | null }) {
  if (!output || !type) return null;
  const o = output as Record<string, unknown>;
  switch (type) {
    case 'content':
      return (
        <article className="output" data-testid="run-output">
          <h3>{String(o.title)}</h3>
          <div className="prose">{String(o.body)}</div>
        </article>
      );
    case 'agent_scaffold':
      return (
        <article className="output" data-testid="run-output">
          <h3>{String(o.name)}</h3>
          <p>{String(o.goal)}</p>
          <h4>Tools</h4>
          <ul>{(o.tools as string[]).map((tool, i) => <li key={i}>{tool}</li>)}</ul>
          <h4>Steps</h4>
          <ol>{(o.steps as string[]).map((step, i) => <li key={i}>{step}</li>)}</ol>
        </article>
      );
    case 'workflow':
      return (
        <article className="output" data-testid="run-output">
          <h3>{String(o.name)}</h3>
          <p>
            <strong>Trigger:</strong> {String(o.trigger)}
          </p>
          <ol>
            {(o.steps as { name: string; action: string }[]).map((step, i) => (
              <li key={i}>
                <strong>{step.name}</strong> — {step.action}
              </li>
            ))}
          </ol>
        </article>
      );
    case 'code':
      return (
        <article className="output" data-testid="run-output">
          {(o.files as { path: string; contents: string }[]).map((file) => (
            <div key={file.path}>
              <h4>{file.path}</h4>
              <pre>{file.contents}</pre>
            </div>
          ))}
          {o.notes ? <p>{String(o.notes)}</p> : null}
        </article>
      );
    case 'insight':
      return (
        <article className="output" data-testid="run-output">
          <h3>{String(o.headline)}</h3>
          <ul>{(o.findings as string[]).map((finding, i) => <li key={i}>{finding}</li>)}</ul>
          <p>
            <strong>Recommendation:</strong> {String(o.recommendation)}
          </p>
        </article>
      );
  }
}
