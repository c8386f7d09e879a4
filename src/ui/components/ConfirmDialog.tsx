/**
 * A modal confirmation on the native <dialog> element: showModal() gives focus trapping, the
 * backdrop and Escape-to-cancel from the browser itself. Focus starts on the safe choice (Cancel).
 */

import type { JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

export interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog(props: ConfirmDialogProps): JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useLayoutEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
    cancel.current?.focus();
    return () => el?.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      onCancel={(e) => {
        // Escape: close through our state, not the browser's, so the parent unmounts us.
        e.preventDefault();
        props.onCancel();
      }}
      onKeyDown={(e) => e.stopPropagation()}
    >
      <h2 id="confirm-title" class="dialog-title">
        {props.title}
      </h2>
      <p id="confirm-message">{props.message}</p>
      <div class="dialog-actions">
        <button ref={cancel} type="button" class="button" onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
        <button
          type="button"
          class={`button ${props.danger ? 'danger' : 'primary'}`}
          onClick={props.onConfirm}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
