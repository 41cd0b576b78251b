'use client';

import './readable-output.css';
import { useEffect, useState, type ComponentType } from 'react';
import type { StreamdownProps } from 'streamdown';
import type { ReadableOutput } from '@/lib/runs/readable-output';

type Renderer = ComponentType<StreamdownProps>;

// The Markdown renderer is a large module (a parser and its plugins). A page with stored answers
// shows their text at once, with line breaks kept, and loads the renderer when the browser is
// idle; an answer that starts streaming loads it straight away. One load serves every answer.
let renderer: Renderer | null = null;
let loading: Promise<Renderer> | null = null;
function loadRenderer(): Promise<Renderer> {
  loading ??= import('streamdown').then((module) => (renderer = module.Streamdown as Renderer));
  return loading;
}

/**
 * Markdown from a model, finished or still arriving. In streaming mode an unclosed emphasis or
 * code fence is completed for display, so half a sentence never shows as stray asterisks.
 */
function Markdown({ text, streaming }: { text: string; streaming: boolean }) {
  const [Loaded, setLoaded] = useState<Renderer | null>(() => renderer);
  useEffect(() => {
    if (Loaded) return;
    let live = true;
    const load = () => void loadRenderer().then((component) => live && setLoaded(() => component));
    if (streaming) {
      load();
      return () => {
        live = false;
      };
    }
    const idle = typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(load, { timeout: 4000 }) : window.setTimeout(load, 1500);
    return () => {
      live = false;
      if (typeof window.cancelIdleCallback === 'function') window.cancelIdleCallback(idle);
      else window.clearTimeout(idle);
    };
  }, [Loaded, streaming]);
  if (!text) return null;
  if (!Loaded) {
    return (
      <div className="markdown plain-text" dir="auto">
        {text}
      </div>
    );
  }
  return (
    <Loaded className="markdown" mode={streaming ? 'streaming' : 'static'} isAnimating={streaming} dir="auto" controls={false}>
      {text}
    </Loaded>
  );
}

/**
 * A typed answer as people read it. The same view shows a finished answer and one that is still
 * streaming (fields appear as they arrive); nothing is ever shown as raw JSON.
 */
export function ReadableOutputView({ output, streaming = false }: { output: ReadableOutput; streaming?: boolean }) {
  const testId = streaming ? 'run-stream' : 'run-output';
  switch (output.type) {
    case 'text':
      return (
        <article className="output" data-testid={testId}>
          <Markdown text={output.value} streaming={streaming} />
        </article>
      );
    case 'content':
      return (
        <article className="output" data-testid={testId}>
          {output.value.title ? <h3 dir="auto">{output.value.title}</h3> : null}
          <Markdown text={output.value.body} streaming={streaming} />
        </article>
      );
    case 'agent_scaffold':
      return (
        <article className="output" data-testid={testId}>
          {output.value.name ? <h3 dir="auto">{output.value.name}</h3> : null}
          <Markdown text={output.value.goal} streaming={streaming} />
          {output.value.tools.length > 0 ? (
            <>
              <h4>Tools</h4>
              <ul>
                {output.value.tools.map((tool, i) => (
                  <li key={i} dir="auto">
                    {tool}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {output.value.steps.length > 0 ? (
            <>
              <h4>Steps</h4>
              <ol>
                {output.value.steps.map((step, i) => (
                  <li key={i} dir="auto">
                    {step}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </article>
      );
    case 'workflow':
      return (
        <article className="output" data-testid={testId}>
          {output.value.name ? <h3 dir="auto">{output.value.name}</h3> : null}
          {output.value.trigger ? (
            <p dir="auto">
              <strong>Trigger:</strong> {output.value.trigger}
            </p>
          ) : null}
          {output.value.steps.length > 0 ? (
            <ol>
              {output.value.steps.map((step, i) => (
                <li key={i} dir="auto">
                  {step.name ? <strong>{step.name}</strong> : null}
                  {step.name && step.action ? ' — ' : null}
                  {step.action}
                </li>
              ))}
            </ol>
          ) : null}
        </article>
      );
    case 'code':
      return (
        <article className="output" data-testid={testId}>
          {output.value.files.map((file, i) => (
            <figure key={i} className="code-file">
              <figcaption>
                <code>{file.path || 'untitled'}</code>
                {output.value.language ? <span className="muted"> · {output.value.language}</span> : null}
              </figcaption>
              <pre dir="ltr" tabIndex={0}>
                <code>{file.contents}</code>
              </pre>
            </figure>
          ))}
          <Markdown text={output.value.notes} streaming={streaming} />
        </article>
      );
    case 'insight':
      return (
        <article className="output" data-testid={testId}>
          {output.value.headline ? <h3 dir="auto">{output.value.headline}</h3> : null}
          {output.value.findings.length > 0 ? (
            <ul>
              {output.value.findings.map((finding, i) => (
                <li key={i} dir="auto">
                  {finding}
                </li>
              ))}
            </ul>
          ) : null}
          {output.value.recommendation ? (
            <div>
              <strong>Recommendation</strong>
              <Markdown text={output.value.recommendation} streaming={streaming} />
            </div>
          ) : null}
        </article>
      );
  }
}
