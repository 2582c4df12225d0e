import { useEffect, useMemo, useState } from 'react';
import { NavLink, useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Flex, Grid, LinkButton, Status, Tabs, Typography } from '@strapi/design-system';
import { Check, List } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import type { AgreementInput, AgreementWithVersion, TemplateId } from '../../../../shared/contracts/agreements';
import { useConsentApi } from '../../api';
import { DeleteAction } from '../../components/DeleteAction';
import { useAllowed } from '../../hooks/useAllowed';
import { useLoad } from '../../hooks/useLoad';
import { useT, useUiLanguage } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { apiErrorMessage, fieldErrors } from '../../utils/apiError';
import { CustomSection } from './components/CustomSection';
import { GeneralSection } from './components/GeneralSection';
import { PreviewPanel } from './components/PreviewPanel';
import { PurposesSection } from './components/PurposesSection';
import { RecipientsSection } from './components/RecipientsSection';
import { SourceSection } from './components/SourceSection';
import { TermsSection } from './components/TermsSection';
import { VersionHistory } from './components/VersionHistory';
import { fromAgreement, toInput, useAgreementForm } from './hooks/useAgreementForm';
import { usePreview } from './hooks/usePreview';
import { useReferenceData } from './hooks/useReferenceData';

const LIST = `/plugins/${PLUGIN_ID}/agreements`;

export const AgreementEditPage = () => {
  const { id } = useParams<{ id: string }>();
  const isNew = !id || id === 'new';
  const t = useT();
  const ui = useUiLanguage();
  const api = useConsentApi();
  const navigate = useNavigate();
  const allowed = useAllowed();
  const { toggleNotification } = useNotification();
  const disabled = !allowed.agreementsManage;

  const loaded = useLoad(() => api.agreements.get(id!), `agreement:${id}`, !isNew);
  const refs = useReferenceData();
  const { form, setForm, update } = useAgreementForm();
  const [agreement, setAgreement] = useState<AgreementWithVersion | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [tab, setTab] = useState('edit');

  useEffect(() => {
    if (loaded.data) {
      setAgreement(loaded.data);
      setForm(fromAgreement(loaded.data));
    }
  }, [loaded.data, setForm]);

  const template = refs.templates.find((tpl) => tpl.id === form.template);
  const textLanguage: 'en' | 'ru' = template?.language === 'en' || template?.language === 'ru' ? template.language : ui;

  // The preview needs a template (standard) to render. The name is never shown and the preview
  // route takes any subset, so a blank name is left out rather than refused.
  const previewInput = useMemo(() => {
    if (form.type === 'standard' && !form.template) return null;
    const { name, ...rest } = toInput(form);
    return (name ? { name, ...rest } : rest) as AgreementInput;
  }, [form]);
  const preview = usePreview(api, previewInput);

  if (!isNew && loaded.error) return <Page.Error />;
  if ((!isNew && !agreement) || refs.isLoading) return <Page.Loading />;

  /** On a new agreement, choosing a template proposes its label and purposes. */
  const chooseTemplate = (templateId: TemplateId) => {
    const tpl = refs.templates.find((x) => x.id === templateId);
    if (!isNew || !tpl) {
      update('template', templateId);
      return;
    }
    const lang = tpl.language === 'en' || tpl.language === 'ru' ? tpl.language : ui;
    setForm((f) => ({
      ...f,
      template: templateId,
      label: tpl.defaultLabel,
      purposes: [
        ...tpl.defaultPurposes.map((code) => ({
          code,
          title: refs.purposes.find((p) => p.code === code)?.title[lang] ?? code,
        })),
        ...f.purposes.filter((p) => !p.code),
      ],
    }));
  };

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      const input = toInput(form);
      const res = isNew ? await api.agreements.create(input) : await api.agreements.update(id!, input);
      toggleNotification({
        type: 'success',
        message: res.meta.versionCreated
          ? t('agreements.saved.version', 'Version {number} created', { number: res.data.currentVersionNumber })
          : t('agreements.saved.noVersion', 'No visible change: no new version'),
      });
      setAgreement(res.data);
      setForm(fromAgreement(res.data));
      if (isNew) navigate(`${LIST}/${res.data.id}`, { replace: true });
    } catch (e) {
      setErrors(fieldErrors(e));
      toggleNotification({ type: 'danger', message: apiErrorMessage(e) ?? t('notification.error', 'Something went wrong') });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    try {
      await api.agreements.remove(id!);
      toggleNotification({ type: 'success', message: t('notification.deleted', 'Deleted') });
      navigate(LIST);
    } catch (e) {
      // An agreement with consents is refused: it can only be deactivated.
      toggleNotification({ type: 'danger', message: apiErrorMessage(e) ?? t('notification.error', 'Something went wrong') });
    }
  };

  const title = isNew ? t('agreements.new', 'New agreement') : agreement?.name || t('agreements.title', 'Agreements');
  const section = { form, update, errors, disabled };

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={LIST} />}
        title={title}
        subtitle={
          agreement?.currentVersionNumber ? (
            <Flex gap={2}>
              <Typography variant="epsilon" textColor="neutral600">
                {t('agreements.currentVersion', 'Current version: {number}', { number: agreement.currentVersionNumber })}
              </Typography>
              <Status variant={agreement.active ? 'success' : 'neutral'} size="S">
                <Typography>{agreement.active ? t('agreements.active.yes', 'Active') : t('agreements.active.no', 'Inactive')}</Typography>
              </Status>
            </Flex>
          ) : (
            t('agreements.editor.subtitle', 'Every visible change makes a new version; old versions stay as they were')
          )
        }
        primaryAction={
          disabled && (isNew || !allowed.consentsRead) ? undefined : (
            <Flex gap={2}>
              {/* The last step of the Bitrix path: form → Agreements tab → pencil → «Список принятых согласий». */}
              {!isNew && allowed.consentsRead && (
                <LinkButton tag={NavLink} to={`/plugins/${PLUGIN_ID}/consents?agreement=${id}`} variant="secondary" startIcon={<List />}>
                  {t('agreements.consents', 'List of accepted consents')}
                </LinkButton>
              )}
              {!isNew && !disabled && (
                <DeleteAction
                  onConfirm={remove}
                  message={t(
                    'agreements.delete.confirm',
                    'Delete this agreement? An agreement that people have already consented to cannot be deleted, only deactivated.'
                  )}
                />
              )}
              {!disabled && (
                <Button startIcon={<Check />} onClick={save} loading={saving}>
                  {t('actions.save', 'Save')}
                </Button>
              )}
            </Flex>
          )
        }
      />
      <Layouts.Content>
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
                  <GeneralSection {...section} />
                  {form.type === 'standard' ? (
                    <>
                      <SourceSection
                        {...section}
                        templates={refs.templates}
                        companies={refs.companies}
                        onTemplate={chooseTemplate}
                      />
                      <PurposesSection {...section} presets={refs.purposes} textLanguage={textLanguage} />
                      <RecipientsSection {...section} />
                      <TermsSection {...section} />
                    </>
                  ) : (
                    <CustomSection {...section} />
                  )}
                </Grid.Item>
                <Grid.Item col={5} s={12} direction="column" alignItems="stretch">
                  <Box position="sticky" top={4} width="100%">
                    <PreviewPanel
                      preview={preview}
                      hint={!previewInput ? t('agreements.preview.chooseTemplate', 'Choose a template to see the text') : null}
                    />
                  </Box>
                </Grid.Item>
              </Grid.Root>
            </Tabs.Content>
            <Tabs.Content value="versions">
              {agreement && (
                <VersionHistory
                  agreementId={agreement.id}
                  currentVersionId={agreement.currentVersionId}
                  reloadKey={`${agreement.currentVersionId}:${agreement.updatedAt}`}
                />
              )}
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export default AgreementEditPage;
