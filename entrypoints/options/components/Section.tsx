/** One titled part of the options page; its heading names the region for assistive technology. */

import type { ComponentChildren, JSX } from 'preact';

export function Section(props: {
  id: string;
  title: string;
  intro?: string;
  children: ComponentChildren;
}): JSX.Element {
  return (
    <section id={props.id} class="card" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`} class="card-title" tabIndex={-1}>
        {props.title}
      </h2>
      {props.intro && <p class="lead">{props.intro}</p>}
      {props.children}
    </section>
  );
}
