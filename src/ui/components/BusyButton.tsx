/**
 * A button that shows a spinner and a "working" label while its action runs, so a slow Argon2id
 * derivation or a large backup never looks like a frozen page.
 *
 * While busy it is aria-disabled and ignores clicks, but is not `disabled`: a disabled button
 * loses the focus to the page body, and the person who pressed it would find the cursor at the
 * top of the page once the action ends (or fails without naming a field to fix).
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
      disabled={props.disabled && !props.busy}
      aria-disabled={props.busy ? 'true' : undefined}
      aria-busy={props.busy}
      onClick={(event) => {
        // A second press while busy neither submits the form again nor runs the action again.
        if (props.busy) return event.preventDefault();
        props.onClick?.();
      }}
    >
      {props.busy ? <span class="spinner" aria-hidden="true" /> : null}
      {props.busy ? props.busyLabel : props.label}
    </button>
  );
}
