export function ImportWizardPage() {
  return <h1>ImportWizardPage</h1>;
}
