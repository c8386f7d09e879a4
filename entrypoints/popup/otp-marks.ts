/**
 * The list's two-factor marks: ids of the items that have a secret, asked of the background after
 * the list is on screen (reading them costs the background one pass over the item records per
 * unlock, which must not delay the list). Ids only; the secrets stay in the background.
 */

import { signal } from '@preact/signals';
import { call } from '../../src/ui/state';

export const otpMarked = signal<ReadonlySet<string>>(new Set());

export async function loadOtpMarks(): Promise<void> {
  try {
    const { ids } = await call({ type: 'otp.marked' });
    otpMarked.value = new Set(ids);
  } catch {
    // Locked meanwhile, or the worker is restarting: the list simply shows no marks.
  }
}
