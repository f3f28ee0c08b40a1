import Link from 'next/link';

export default function WorkflowNotFound() {
  return (
    <main className="page">
      <h1>Workflow not found</h1>
      <p>
        This workflow does not exist in the current tenant; it may have been deleted, or it belongs
        to another tenant. <Link href="/">Back to the workflow list</Link>
      </p>
    </main>
  );
}
