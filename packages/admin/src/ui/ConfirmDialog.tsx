import type { ReactNode } from 'react';
import { FormDialog } from './FormDialog';

/**
 * A modal confirmation (the native <dialog>: focus trapped, Escape cancels). `danger` paints the
 * confirm button red; it is disabled while `busy`.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, danger, busy, error, onConfirm, onCancel }: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  /** Why the last attempt failed, shown above the buttons. */
  error?: string | null;
  onConfirm(): void;
  onCancel(): void;
}) {
  return (
    <FormDialog open={open} title={title} submitLabel={confirmLabel} danger={danger} busy={busy} error={error} onSubmit={onConfirm} onCancel={onCancel}>
      {children}
    </FormDialog>
  );
}
