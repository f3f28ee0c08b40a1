import Link from 'next/link';

/** Renders the top bar of every page: app name, navigation, and the tenant with a switcher. */
export function AppHeader({ tenantSlug }: { tenantSlug: string | null }) {
  return (
    <header className="app-header">
      <Link href="/" className="app-header__brand">
        <svg
          width="18"
          height="18"
          viewBox="0 0 16 16"
          fill="none"
          stroke="#60a5fa"
          strokeWidth="1.8"
          aria-hidden="true"
        >
          <circle cx="4" cy="4" r="2" />
          <circle cx="12" cy="8" r="2" />
          <circle cx="4" cy="12" r="2" />
          <path d="M6 4.5l4 2.5M6 11.5l4-2.5" />
        </svg>
        Flowscope
      </Link>
      <nav className="app-header__nav" aria-label="Main">
        <Link href="/">Workflows</Link>
        <Link href="/tables">Tables</Link>
      </nav>
      <form
        className="app-header__tenant"
        action="/session"
        method="get"
        aria-label="Switch tenant"
      >
        <span>
          Tenant <strong data-testid="current-tenant">{tenantSlug ?? 'none'}</strong>
        </span>
        <input
          name="tenant"
          placeholder="other-tenant"
          aria-label="Tenant slug"
          required
          pattern="[a-z0-9\-]{1,63}"
        />
        <button type="submit">Switch</button>
      </form>
    </header>
  );
}
