/** Previous and next buttons for a keyset-paged list. */
export function Pager({ hasPrevious, hasNext, onPrevious, onNext, label = 'Pages' }: {
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
  label?: string;
}) {
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button" disabled={!hasPrevious} onClick={onPrevious}>
        ← Previous
      </button>
      <button type="button" className="button" disabled={!hasNext} onClick={onNext}>
        Next →
      </button>
    </nav>
  );
}
