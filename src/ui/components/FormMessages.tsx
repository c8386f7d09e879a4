/**
 * The two message lines under a form: an error (role="alert", read out at once) and a success
 * note (role="status", read out politely). Both are empty, and hidden, until there is something
 * to say.
 */

import type { JSX } from 'preact';

export function FormMessages(props: { id: string; error: string | null; done?: string | null }): JSX.Element {
  return (
    <>
      <p id={`${props.id}-error`} class="error" role="alert">
        {props.error}
      </p>
      <p id={`${props.id}-done`} class="done" role="status">
        {props.done}
      </p>
    </>
  );
}
