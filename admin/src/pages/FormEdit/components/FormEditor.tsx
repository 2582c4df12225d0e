import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Box, Tabs } from '@strapi/design-system';
import type { FormWarning } from '../../../../../shared/contracts/forms';
import { useAgreementDirectory } from '../../../hooks/useAgreementDirectory';
import { useT } from '../../../hooks/useT';
import { PLUGIN_ID } from '../../../pluginId';
import { tabOf, useFormEditor } from '../hooks/useFormEditor';
import { AgreementsTab } from './AgreementsTab';
import { FieldsTab } from './FieldsTab';
import { GeneralTab } from './GeneralTab';
import { DoubleOptInTab } from './DoubleOptInTab';

const TABS = ['general', 'fields', 'agreements', 'doubleOptIn'] as const;
type Tab = (typeof TABS)[number];

interface Props {
  isNew: boolean;
  /** The key as stored: the embed code works only for it. */
  savedKey?: string;
  /** The server's warnings for the stored form. */
  warnings: FormWarning[];
  /** The stored form's id (its double opt-in counts). */
  savedId?: number;
}

/** The form editor's three tabs inside its edit page. An error shows the tab that holds its field. */
export const FormEditor = ({ isNew, savedKey, warnings, savedId }: Props) => {
  const t = useT();
  const navigate = useNavigate();
  const { form, errors } = useFormEditor();
  const agreements = useAgreementDirectory();
  const [tab, setTab] = useState<Tab>('general');
  const errorTab = TABS.find((tb) => Object.keys(errors).some((k) => tabOf(k) === tb));

  // After a refused save, show the tab holding the first field in error, so that its message is not hidden.
  const first = Object.keys(errors)[0];
  useEffect(() => {
    if (first) setTab(tabOf(first));
  }, [errors, first]);

  return (
    <Tabs.Root value={tab} onValueChange={(v) => setTab(v as Tab)} variant="simple" hasError={errorTab}>
      <Tabs.List aria-label={t('forms.tabs', 'Form sections')}>
        <Tabs.Trigger value="general">{t('forms.tab.general', 'General')}</Tabs.Trigger>
        <Tabs.Trigger value="fields">
          {t('forms.tab.fields', 'Fields')} <Badge>{form.fields.length}</Badge>
        </Tabs.Trigger>
        <Tabs.Trigger value="agreements">
          {t('forms.tab.agreements', 'Agreements')} <Badge>{form.agreements.length}</Badge>
        </Tabs.Trigger>
        <Tabs.Trigger value="doubleOptIn">{t('forms.tab.doubleOptIn', 'Double opt-in')}</Tabs.Trigger>
      </Tabs.List>
      <Box paddingTop={4}>
        <Tabs.Content value="general">
          <GeneralTab isNew={isNew} isSaved={!!savedKey && savedKey === form.key.trim()} serverWarnings={warnings} />
        </Tabs.Content>
        <Tabs.Content value="fields">
          <FieldsTab />
        </Tabs.Content>
        <Tabs.Content value="agreements">
          {/* The pencil opens the agreement; the edit page asks first when there are unsaved edits. */}
          <AgreementsTab
            directory={agreements}
            serverWarnings={warnings}
            // The stored form goes along: the agreement's «Список принятых согласий» then lists this form's consents (the Bitrix path).
            onEdit={(agreementId) =>
              navigate(`/plugins/${PLUGIN_ID}/agreements/${agreementId}${savedKey ? `?form=${encodeURIComponent(savedKey)}` : ''}`)
            }
          />
        </Tabs.Content>
        <Tabs.Content value="doubleOptIn">
          <DoubleOptInTab directory={agreements} formId={isNew ? null : savedId ?? null} />
        </Tabs.Content>
      </Box>
    </Tabs.Root>
  );
};
