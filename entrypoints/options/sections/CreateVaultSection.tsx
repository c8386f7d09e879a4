/**
 * First run without a backup: create a new vault here (the form is shared with the welcome page:
 * src/ui/components/CreateVaultForm.tsx).
 */

import { CreateVaultForm } from '../../../src/ui/components/CreateVaultForm';
import { t } from '../../../src/ui/i18n';
import { Section } from '../components/Section';
import { ask, refresh } from '../state';

export function CreateVaultSection() {
  return (
    <Section id="create" title={t('options_create_title')} intro={t('create_intro')}>
      <CreateVaultForm
        id="create"
        create={async (password) => {
          await ask({ type: 'vault.create', password });
          await refresh();
        }}
      />
    </Section>
  );
}
