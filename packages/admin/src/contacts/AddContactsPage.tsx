export function AddContactsPage() {
  return <h1>AddContactsPage</h1>;
}
