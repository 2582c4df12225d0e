import { useMemo, useState } from 'react';
import { Box, Grid, Tabs } from '@strapi/design-system';
import type { AgreementInput, AgreementWithVersion, PurposePreset, TemplateId, TemplateInfo } from '../../../../../shared/contracts/agreements';
import { useCompaniesQuery } from '../../../api';
import { useAllowed } from '../../../hooks/useAllowed';
import { useT, useUiLanguage } from '../../../hooks/useT';
import { toInput, useAgreementEditor, type AgreementForm } from '../hooks/useAgreementForm';
import { AGREEMENT_LANGUAGES } from '../../../../../shared/contracts/constants';
import { usePreview } from '../hooks/usePreview';
import { ChoicesSection } from './ChoicesSection';
import { CustomSection } from './CustomSection';
import { GeneralSection } from './GeneralSection';
import { LanguagesSection } from './LanguagesSection';
import { OperatorSection } from './OperatorSection';
import { PreviewPanel } from './PreviewPanel';
import { PurposesSection } from './PurposesSection';
import { RecipientsSection } from './RecipientsSection';
import { SourceSection } from './SourceSection';
import { TermsSection } from './TermsSection';
import { VersionHistory } from './VersionHistory';

interface Props {
  isNew: boolean;
  agreement?: AgreementWithVersion;
  templates: TemplateInfo[];
  purposes: PurposePreset[];
}

/** The agreement editor inside its edit page: the sections, the live preview and the version history. */
export const AgreementEditor = ({ isNew, agreement, templates, purposes }: Props) => {
  const t = useT();
  const ui = useUiLanguage();
  const { companiesRead } = useAllowed();
  const { form, patch } = useAgreementEditor();
  const [tab, setTab] = useState('edit');
  // Without companies.read the select cannot list them; the server still accepts a company id.
  const companies = useCompaniesQuery({ pageSize: 100 }, { skip: !companiesRead });

  const template = templates.find((tpl) => tpl.id === form.template);
  const textLanguage: 'en' | 'ru' = template?.language === 'en' || template?.language === 'ru' ? template.language : ui;

  // The preview needs a template (standard) to render. The name is never shown and the preview
  // route takes any subset, so a blank name is left out rather than refused.
  const previewInput = useMemo(() => {
    if (form.type === 'standard' && !form.template) return null;
    const { name, ...rest } = toInput(form);
    return (name ? { name, ...rest } : rest) as AgreementInput;
  }, [form]);
  const preview = usePreview(previewInput);

  /** On a new agreement, choosing a template proposes its label and purposes. */
  const chooseTemplate = (templateId: TemplateId) => {
    const tpl = templates.find((x) => x.id === templateId);
    // Only the languages the template has a text in stay offered (its own when none of them does).
    const languagesFor = (current: AgreementForm['languages']) => {
      const kept = current.filter((l) => tpl?.languages.includes(l));
      return kept.length ? kept : tpl && (AGREEMENT_LANGUAGES as readonly string[]).includes(tpl.language) ? [tpl.language as AgreementForm['languages'][number]] : [];
    };
    if (!isNew || !tpl) {
      patch((f) => ({ template: templateId, languages: languagesFor(f.languages) }));
      return;
    }
    const lang = tpl.language === 'en' || tpl.language === 'ru' ? tpl.language : ui;
    patch((f) => ({
      template: templateId,
      languages: languagesFor([]),
      label: tpl.defaultLabel,
      purposes: [
        ...tpl.defaultPurposes.map((code) => ({ code, title: purposes.find((p) => p.code === code)?.title[lang] ?? code })),
        ...f.purposes.filter((p) => !p.code),
      ],
    }));
  };

  return (
    <Tabs.Root value={tab} onValueChange={setTab} variant="simple">
      <Tabs.List aria-label={t('agreements.tabs', 'Agreement sections')}>
        <Tabs.Trigger value="edit">{t('agreements.tab.edit', 'Text and settings')}</Tabs.Trigger>
        <Tabs.Trigger value="versions" disabled={isNew}>
          {t('agreements.tab.versions', 'Version history')}
        </Tabs.Trigger>
      </Tabs.List>
      <Box paddingTop={4}>
        <Tabs.Content value="edit">
          <Grid.Root gap={4}>
            <Grid.Item col={7} s={12} direction="column" alignItems="stretch" gap={4}>
              <GeneralSection />
              <LanguagesSection template={form.type === 'standard' ? template : undefined} />
              {form.type === 'standard' ? (
                <>
                  <SourceSection templates={templates} companies={companies.data?.data ?? []} onTemplate={chooseTemplate} />
                  <PurposesSection presets={purposes} textLanguage={textLanguage} />
                  <ChoicesSection />
                  <RecipientsSection />
                  <TermsSection />
                </>
              ) : (
                <>
                  <CustomSection version={agreement?.currentVersion} />
                  <OperatorSection companies={companies.data?.data ?? []} />
                </>
              )}
            </Grid.Item>
            <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
              <Box position="sticky" top={4} width="100%">
                <PreviewPanel preview={preview} languages={form.languages} hint={!previewInput ? t('agreements.preview.chooseTemplate', 'Choose a template to see the text') : null} />
              </Box>
            </Grid.Item>
          </Grid.Root>
        </Tabs.Content>
        <Tabs.Content value="versions">{agreement && <VersionHistory agreementId={agreement.id} currentVersionId={agreement.currentVersionId} />}</Tabs.Content>
      </Box>
    </Tabs.Root>
  );
};
