import { useMemo } from 'react';
import { advertisingBehaviourAllowed, isAdvertising } from '../../../../shared/contracts/choices';
import { formRecord, type FormSettingsInput } from '../../api';
import { RecordSubtitle } from '../../components/ActiveStatus';
import { EditPage } from '../../components/form/EditPage';
import { useRecord } from '../../components/form/useRecord';
import { useAgreementDirectory } from '../../hooks/useAgreementDirectory';
import { useAllowed } from '../../hooks/useAllowed';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { FormEditor } from './components/FormEditor';
import { emptyFormState, fromForm, RETENTION_BOUNDS, settingsProblems, toInput, type FormState } from './hooks/useFormEditor';

const LIST = `/plugins/${PLUGIN_ID}/forms`;

/** Only what changed, so that an edit elsewhere is not refused for an agreement deactivated since. */
const changedKeys = (before: FormSettingsInput, after: FormSettingsInput): Partial<FormSettingsInput> =>
  Object.fromEntries(
    (Object.keys(after) as (keyof FormSettingsInput)[]).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k])).map((k) => [k, after[k]])
  ) as Partial<FormSettingsInput>;

export const FormEditPage = () => {
  const t = useT();
  const allowed = useAllowed();
  const record = useRecord(formRecord);
  const { isNew } = record;
  const saved = record.data?.data;
  // The agreements tab names the attached agreements: the page opens once they are known.
  const agreements = useAgreementDirectory();
  const initialValues = useMemo(() => (isNew ? emptyFormState() : saved && fromForm(saved)), [isNew, saved]);

  // Day counts are checked here first, so that a typo is explained next to its field and nothing is sent;
  // so is the rule the server refuses with advertising-not-optional (shared/contracts/choices.ts).
  const validate = (values: FormState) => ({
    ...Object.fromEntries(
      values.agreements.flatMap((a, i) => {
        const info = agreements.byId.get(a.agreementId);
        return info && isAdvertising(info) && !advertisingBehaviourAllowed(a.behaviour)
          ? [[`agreements.${i}.behaviour`, t('validation.code.advertising-not-optional', 'A consent to advertising can be neither required nor pre-ticked (38-FZ art. 18): choose "Optional, not accepted automatically"')]]
          : [];
      })
    ),
    ...Object.fromEntries(
      settingsProblems(values).map((k) => {
        const [min, max] = RETENTION_BOUNDS[k];
        return [
          k,
          k === 'retentionDays'
            ? t('forms.retentionDays.invalid', 'A whole number of days from {min} to {max}, or empty', { min, max })
            : t('forms.withdrawalRetentionDays.invalid', 'A whole number of days from {min} to {max}', { min, max }),
        ];
      })
    ),
  });

  const save = async (values: FormState) => {
    const input = toInput(values);
    const res = await record.save(input, changedKeys(toInput(initialValues ?? emptyFormState()), input));
    return { id: res.data.id, values: fromForm(res.data) };
  };

  return (
    <EditPage
      isNew={isNew}
      list={LIST}
      loadError={record.error}
      initialValues={agreements.isLoading ? undefined : initialValues}
      canManage={allowed.formsManage}
      title={isNew ? t('forms.new', 'New form') : saved?.name || t('forms.title', 'Forms')}
      subtitle={
        saved ? (
          <RecordSubtitle text={t('forms.keyLine', 'Key: {key}', { key: saved.key })} active={saved.active} of="forms" />
        ) : (
          t('forms.editor.subtitle', 'A consent collection point: its fields, its agreements and what happens after sending')
        )
      }
      deleteMessage={t('forms.delete.confirm', 'Delete this form? A form through which consents were given cannot be deleted, only deactivated.')}
      onRemove={record.remove}
      validate={validate}
      onSave={save}
    >
      <FormEditor isNew={isNew} savedKey={saved?.key} warnings={record.data?.meta.warnings ?? []} savedId={saved?.id} />
    </EditPage>
  );
};

export default FormEditPage;
