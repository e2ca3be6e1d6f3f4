export function ImportDetailPage() {
  return <h1>ImportDetailPage</h1>;
}
