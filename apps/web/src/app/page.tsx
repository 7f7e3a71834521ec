export default function Home() {
  return (
    <main>
      <h1>Critic</h1>
    </main>
  );
}
