/**
 * Backup requests refuse a wrong backup password with the vault's 'wrong-password' code, whose
 * usual text talks about the master password. Here it gets its own sentence; other refusals
 * (not a backup, newer format, invalid item) already carry the background's own sentence.
 */

import { describeError, errorCode } from '../../src/ui/errors';
import { t } from '../../src/ui/i18n';

export function describeBackupError(err: unknown): string {
  return errorCode(err) === 'wrong-password' ? t('options_backup_wrong_password') : describeError(err);
}
