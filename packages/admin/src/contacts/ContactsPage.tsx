export function ContactsPage() {
  return <h1>ContactsPage</h1>;
}
