/**
 * A button that shows only an icon. Its label is required: it becomes the accessible name and the
 * tooltip, so no icon button is ever unlabelled.
 */

import type { JSX } from 'preact';
import { Icon, type IconName } from './icons';

export interface IconButtonProps extends Omit<JSX.ButtonHTMLAttributes<HTMLButtonElement>, 'label' | 'icon'> {
  icon: IconName;
  label: string;
}

export function IconButton({ icon, label, class: className, ...rest }: IconButtonProps): JSX.Element {
  return (
    <button type="button" class={`icon-button ${className ?? ''}`} aria-label={label} title={label} {...rest}>
      <Icon name={icon} />
    </button>
  );
}
