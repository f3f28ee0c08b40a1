import Link from 'next/link';

export default function RunNotFound() {
  return (
    <main className="page">
      <h1>Run not found</h1>
      <p>
        This run does not exist for this workflow in the current tenant; the address may be
        mistyped, or the run belongs to another workflow or tenant.{' '}
        <Link href="/">Back to the workflow list</Link>
      </p>
    </main>
  );
}
