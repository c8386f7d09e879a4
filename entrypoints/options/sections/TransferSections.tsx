/**
 * Moving items in and out in the clear: import from another password manager, and the unencrypted
 * export. Shown only while the vault is unlocked (App.tsx); the encrypted backup is BackupSection.
 */

import type { JSX } from 'preact';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';

export function TransferSections(): JSX.Element {
  return (
    <>
      <ImportSection />
      <ExportSection />
    </>
  );
}
