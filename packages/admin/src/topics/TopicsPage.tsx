export function TopicsPage() {
  return <h1>TopicsPage</h1>;
}
