/**
 * A button that shows a spinner and a "working" label while its action runs, so a slow Argon2id
 * derivation or a large backup never looks like a frozen page. Disabled while busy.
 */

import type { JSX } from 'preact';

export function BusyButton(props: {
  busy: boolean;
  label: string;
  busyLabel: string;
  type?: 'submit' | 'button';
  kind?: 'primary' | 'danger' | 'plain';
  disabled?: boolean;
  onClick?(): void;
}): JSX.Element {
  const kind = props.kind ?? 'primary';
  return (
    <button
      type={props.type ?? 'submit'}
      class={`button ${kind === 'plain' ? '' : kind}`}
      disabled={props.busy || props.disabled}
      aria-busy={props.busy}
      onClick={props.onClick}
    >
      {props.busy ? <span class="spinner" aria-hidden="true" /> : null}
      {props.busy ? props.busyLabel : props.label}
    </button>
  );
}
