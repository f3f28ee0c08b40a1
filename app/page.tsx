export default function HomePage() {
  return (
    <main>
      <h1>Flowscope</h1>
    </main>
  );
}
