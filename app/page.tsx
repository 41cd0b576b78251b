import { ArrowRight, Check, Gauge, MessageSquareText, Pencil, Radio, SlidersHorizontal, ThumbsUp, X } from 'lucide-react';
import Link from 'next/link';

const RECIPE = [
  { atom: 'role-founder', why: 'your role is founder', weight: '0.85' },
  { atom: 'channel-linkedin', why: 'task mentions "linkedin"', weight: '0.80' },
  { atom: 'goal-pricing', why: 'task mentions "pricing"', weight: '0.75' },
  { atom: 'tone-conversational', why: 'playfulness 62 falls in 50–74', weight: '0.70' },
];

const FEATURES = [
  {
    icon: SlidersHorizontal,
    title: 'Prompts assembled for you',
    text: 'Each request is built from a library of prompt atoms (tone, goal, perspective, role, stack, channel), picked by your profile, your task and three vibe sliders. Save a blend as a preset and switch in one click.',
  },
  {
    icon: Radio,
    title: 'Typed answers that stream',
    text: 'Ask for content, code, a workflow, an agent scaffold or an insight, or let the app choose. The answer streams in as it is written, Stop ends it when you have seen enough, and paid plans can dictate the task.',
  },
  {
    icon: ThumbsUp,
    title: 'Feedback that teaches',
    text: 'Approve, reject or revise every answer. Your verdict moves the statistics of the atoms behind it, so the next blend leans on what worked for you.',
  },
  {
    icon: Gauge,
    title: 'A dashboard that counts',
    text: 'Runs and tokens against your plan, approvals and cost per day, and your full history. Every run has its own page with the prompt, the atoms and what it cost.',
  },
];

/**
 * The public front page: what the product does, and a look at an answer as the app shows it. Its
 * sign-up and sign-in links are not prefetched: for a signed-in visitor those pages only redirect.
 */
export default function HomePage() {
  return (
    <>
      <section className="hero">
        <span className="pill accent">Your AI cofounder</span>
        <h1>Work from an AI that already knows your company</h1>
        <p className="lead">
          Tell Venture Companion your role, your stack and your brand voice once. Every task gets a prompt assembled for you from proven
          prompt atoms, a typed answer streamed back, and a clear account of why.
        </p>
        <div className="actions">
          <Link href="/signup" className="button" prefetch={false}>
            Create your account
            <ArrowRight aria-hidden="true" />
          </Link>
          <Link href="/signin" className="button secondary" prefetch={false}>
            Sign in
          </Link>
        </div>
        <p className="muted fine-print">
          Start on the free plan. <Link href="/pricing">Every plan and its limits</Link> are on the pricing page.
        </p>
      </section>

      <figure className="mock" aria-label="An example answer in Venture Companion">
        <div className="mock-bar">
          <strong>
            <MessageSquareText aria-hidden="true" />
            Ask your cofounder
          </strong>
          <span className="pill success">succeeded</span>
        </div>
        <div className="mock-body">
          <p className="mock-task">Write a short LinkedIn post announcing our new pricing page</p>
          <div className="mock-answer">
            <div className="mock-answer-head">
              <span className="pill accent">content</span>
              <span className="muted">LinkedIn post</span>
            </div>
            <p>
              Pricing pages usually answer the wrong question. Ours now answers the one you ask first: what will a team of five actually pay?
            </p>
            <p>
              One plan per stage, every limit on the page, no &ldquo;contact sales&rdquo; until you need it. Have a look and tell us what is
              still unclear.
              <span className="mock-caret" aria-hidden="true" />
            </p>
          </div>
          <div className="mock-recipe">
            <p className="mock-recipe-title">
              <SlidersHorizontal aria-hidden="true" />
              Why these atoms
            </p>
            <table className="stack-on-phone" aria-label="Why these atoms">
              <thead>
                <tr>
                  <th>Atom</th>
                  <th>Why</th>
                  <th>Weight</th>
                </tr>
              </thead>
              <tbody>
                {RECIPE.map((row) => (
                  <tr key={row.atom}>
                    <td data-label="Atom">
                      <code>{row.atom}</code>
                    </td>
                    <td data-label="Why">{row.why}</td>
                    <td data-label="Weight">{row.weight}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="mock-foot">
            <p className="mock-meta">
              <span>1,284 tokens</span>
              <span aria-hidden="true">·</span>
              <span>$0.0019</span>
              <span aria-hidden="true">·</span>
              <span>2.4 s</span>
            </p>
            <div className="mock-verdicts">
              <span className="chosen">
                <Check aria-hidden="true" />
                Approve
              </span>
              <span>
                <X aria-hidden="true" />
                Reject
              </span>
              <span>
                <Pencil aria-hidden="true" />
                Revise
              </span>
            </div>
          </div>
        </div>
      </figure>

      <section className="features" aria-labelledby="features-title">
        <header>
          <span className="eyebrow">How it works</span>
          <h2 id="features-title">A cofounder that gets sharper every week</h2>
          <p className="muted">Four parts, one loop: describe, ask, judge, look back.</p>
        </header>
        <div className="feature-grid">
          {FEATURES.map(({ icon: Icon, title, text }) => (
            <article key={title} className="card feature">
              <span className="feature-icon">
                <Icon aria-hidden="true" />
              </span>
              <h3>{title}</h3>
              <p>{text}</p>
            </article>
          ))}
        </div>
      </section>

      <section className="card closing" aria-labelledby="closing-title">
        <h2 id="closing-title">Five short steps, then your first answer</h2>
        <p className="muted">Onboarding asks your role, your kind of company, your tools, your vibe and your voice. Then ask for your first piece of work.</p>
        <div className="actions">
          <Link href="/signup" className="button" prefetch={false}>
            Sign up free
          </Link>
          <Link href="/signin" className="button secondary" prefetch={false}>
            I have an account
          </Link>
        </div>
      </section>
    </>
  );
}
