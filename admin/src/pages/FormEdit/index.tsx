import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Badge, Box, Button, Dialog, Flex, Status, Tabs, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { BackButton, ConfirmDialog, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import type { FormWarning } from '../../../../shared/contracts/forms';
import { useConsentApi, type FormSettings, type FormSettingsInput } from '../../api';
import { DeleteAction } from '../../components/DeleteAction';
import { useAllowed } from '../../hooks/useAllowed';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { apiErrorMessage, fieldErrors } from '../../utils/apiError';
import { AgreementsTab } from './components/AgreementsTab';
import { FieldsTab } from './components/FieldsTab';
import { GeneralTab } from './components/GeneralTab';
import { useAgreementCatalogue } from './hooks/useAgreementCatalogue';
import { emptyFormState, fromForm, RETENTION_BOUNDS, settingsProblems, tabOf, toInput, useFormEditor } from './hooks/useFormEditor';

const LIST = `/plugins/${PLUGIN_ID}/forms`;
const TABS = ['general', 'fields', 'agreements'] as const;
type Tab = (typeof TABS)[number];

/** Only what changed, so that an edit elsewhere is not refused for an agreement deactivated since. */
const changedKeys = (before: FormSettingsInput, after: FormSettingsInput): Partial<FormSettingsInput> =>
  Object.fromEntries(
    (Object.keys(after) as (keyof FormSettingsInput)[])
      .filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]))
      .map((k) => [k, after[k]])
  ) as Partial<FormSettingsInput>;

export const FormEditPage = () => {
  const { id } = useParams<{ id: string }>();
  const isNew = !id || id === 'new';
  const t = useT();
  const api = useConsentApi();
  const navigate = useNavigate();
  const allowed = useAllowed();
  const { toggleNotification } = useNotification();
  const disabled = !allowed.formsManage;

  const loaded = useLoad(() => api.forms.get(id!), `form:${id}`, !isNew);
  const { form, setForm, update } = useFormEditor();
  const [saved, setSaved] = useState<FormSettings | null>(null);
  const [warnings, setWarnings] = useState<FormWarning[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [tab, setTab] = useState<Tab>('general');
  const [leaveTo, setLeaveTo] = useState<string | null>(null);
  const catalogue = useAgreementCatalogue(form.agreements.map((a) => a.agreementId));

  useEffect(() => {
    if (loaded.data) {
      setSaved(loaded.data.data);
      setWarnings(loaded.data.meta.warnings ?? []);
      setForm(fromForm(loaded.data.data));
    }
  }, [loaded.data, setForm]);

  const baseline = useMemo(() => toInput(saved ? fromForm(saved) : emptyFormState()), [saved]);
  const input = useMemo(() => toInput(form), [form]);
  const dirty = JSON.stringify(baseline) !== JSON.stringify(input);

  if (!isNew && loaded.error) return <Page.Error />;
  if ((!isNew && !saved) || catalogue.isLoading) return <Page.Loading />;

  const save = async () => {
    // Day counts are checked here first, so that a typo is explained next to its field.
    const problems = settingsProblems(form);
    if (problems.length) {
      setErrors(
        Object.fromEntries(
          problems.map((k) => [
            k,
            k === 'retentionDays'
              ? t('forms.retentionDays.invalid', 'A whole number of days from {min} to {max}, or empty', { min: RETENTION_BOUNDS[k][0], max: RETENTION_BOUNDS[k][1] })
              : t('forms.withdrawalRetentionDays.invalid', 'A whole number of days from {min} to {max}', { min: RETENTION_BOUNDS[k][0], max: RETENTION_BOUNDS[k][1] }),
          ])
        )
      );
      setTab('general');
      return;
    }
    setSaving(true);
    setErrors({});
    try {
      const res = isNew ? await api.forms.create(input) : await api.forms.update(id!, changedKeys(baseline, input));
      toggleNotification({ type: 'success', message: t('notification.saved', 'Saved') });
      setSaved(res.data);
      setWarnings(res.meta.warnings ?? []);
      setForm(fromForm(res.data));
      if (isNew) navigate(`${LIST}/${res.data.id}`, { replace: true });
    } catch (e) {
      const found = fieldErrors(e);
      setErrors(found);
      // Show the tab holding the first field in error, so that the message is not on a hidden tab.
      const first = Object.keys(found)[0];
      if (first) setTab(tabOf(first));
      toggleNotification({ type: 'danger', message: apiErrorMessage(e) ?? t('notification.error', 'Something went wrong') });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    try {
      await api.forms.remove(id!);
      toggleNotification({ type: 'success', message: t('notification.deleted', 'Deleted') });
      navigate(LIST);
    } catch (e) {
      // A form that has consents is refused with the server's explanation: it can only be deactivated.
      toggleNotification({ type: 'danger', message: apiErrorMessage(e) ?? t('notification.error', 'Something went wrong') });
    }
  };

  /** The pencil of an attached agreement opens its editor, asking first when there are unsaved edits. */
  const editAgreement = (agreementId: number) => {
    const to = `/plugins/${PLUGIN_ID}/agreements/${agreementId}`;
    if (dirty && !disabled) setLeaveTo(to);
    else navigate(to);
  };

  const title = isNew ? t('forms.new', 'New form') : saved?.name || t('forms.title', 'Forms');
  const tabProps = { form, update, errors, disabled };
  const errorTab = TABS.find((tb) => Object.keys(errors).some((k) => tabOf(k) === tb));

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={LIST} />}
        title={title}
        subtitle={
          saved ? (
            <Flex gap={2}>
              <Typography variant="epsilon" textColor="neutral600">
                {t('forms.keyLine', 'Key: {key}', { key: saved.key })}
              </Typography>
              <Status variant={saved.active ? 'success' : 'neutral'} size="S">
                <Typography>{saved.active ? t('forms.active.yes', 'Active') : t('forms.active.no', 'Inactive')}</Typography>
              </Status>
            </Flex>
          ) : (
            t('forms.editor.subtitle', 'A consent collection point: its fields, its agreements and what happens after sending')
          )
        }
        primaryAction={
          disabled ? undefined : (
            <Flex gap={2}>
              {!isNew && (
                <DeleteAction
                  onConfirm={remove}
                  message={t(
                    'forms.delete.confirm',
                    'Delete this form? A form through which consents were given cannot be deleted, only deactivated.'
                  )}
                />
              )}
              <Button startIcon={<Check />} onClick={save} loading={saving}>
                {t('actions.save', 'Save')}
              </Button>
            </Flex>
          )
        }
      />
      <Layouts.Content>
        <Tabs.Root value={tab} onValueChange={(v) => setTab(v as Tab)} variant="simple" hasError={errorTab}>
          <Tabs.List aria-label={t('forms.tabs', 'Form sections')}>
            <Tabs.Trigger value="general">{t('forms.tab.general', 'General')}</Tabs.Trigger>
            <Tabs.Trigger value="fields">
              {t('forms.tab.fields', 'Fields')} <Badge>{form.fields.length}</Badge>
            </Tabs.Trigger>
            <Tabs.Trigger value="agreements">
              {t('forms.tab.agreements', 'Agreements')} <Badge>{form.agreements.length}</Badge>
            </Tabs.Trigger>
          </Tabs.List>
          <Box paddingTop={4}>
            <Tabs.Content value="general">
              <GeneralTab {...tabProps} isNew={isNew} isSaved={!!saved && saved.key === form.key.trim()} serverWarnings={warnings} />
            </Tabs.Content>
            <Tabs.Content value="fields">
              <FieldsTab {...tabProps} />
            </Tabs.Content>
            <Tabs.Content value="agreements">
              <AgreementsTab {...tabProps} catalogue={catalogue} serverWarnings={warnings} onEdit={editAgreement} />
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
      <Dialog.Root open={leaveTo !== null} onOpenChange={(open) => !open && setLeaveTo(null)}>
        <ConfirmDialog
          title={t('forms.leave.title', 'Unsaved changes')}
          variant="danger-light"
          onConfirm={() => {
            const to = leaveTo;
            setLeaveTo(null);
            if (to) navigate(to);
          }}
        >
          {t('forms.leave.confirm', 'This form has changes that are not saved. Leave it and lose them?')}
        </ConfirmDialog>
      </Dialog.Root>
    </Page.Main>
  );
};

export default FormEditPage;
