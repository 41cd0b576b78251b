import Link from 'next/link';

export default function HomePage() {
  return (
    <section className="hero">
      <h1>Your AI cofounder</h1>
      <p className="lead">
        Tell Venture Companion who you are, how you build and how you sound. It assembles a prompt made for you from a
        library of proven prompt atoms, shows you exactly why, and learns from what you approve.
      </p>
      <div className="actions">
        <Link href="/signup" className="button">
          Create your account
        </Link>
        <Link href="/signin" className="button secondary">
          Sign in
        </Link>
      </div>
    </section>
  );
}
