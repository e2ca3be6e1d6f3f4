import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { ErrorNotice } from './states';

/**
 * A modal form on the native <dialog> (focus trapped, Escape cancels): a title, the fields, then
 * Cancel and the submit button. Enter in a field submits. The submit button is disabled while
 * `busy` or `submitDisabled`.
 */
export function FormDialog({ open, title, children, submitLabel, danger, busy, submitDisabled, error, onSubmit, onCancel }: {
  open: boolean;
  title: string;
  children?: ReactNode;
  submitLabel: string;
  danger?: boolean;
  busy?: boolean;
  submitDisabled?: boolean;
  error?: string | null;
  onSubmit(): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal?.();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy && !submitDisabled) onSubmit();
  }
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {open && (
        <form onSubmit={submit} noValidate>
          <h2 id={titleId}>{title}</h2>
          {children}
          <ErrorNotice message={error} />
          <div className="actions">
            <button type="button" className="button ghost" onClick={onCancel}>
              Cancel
            </button>
            <button type="submit" className={danger ? 'button danger' : 'button primary'} disabled={busy || submitDisabled}>
              {submitLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
