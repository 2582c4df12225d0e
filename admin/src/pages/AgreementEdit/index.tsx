import { useMemo } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { LinkButton } from '@strapi/design-system';
import { List } from '@strapi/icons';
import { agreementRecord, usePurposesQuery, useTemplatesQuery } from '../../api';
import { RecordSubtitle } from '../../components/ActiveStatus';
import { EditPage } from '../../components/form/EditPage';
import { useRecord } from '../../components/form/useRecord';
import { useAllowed } from '../../hooks/useAllowed';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { AgreementEditor } from './components/AgreementEditor';
import { ConsentStates } from './components/ConsentStates';
import { useRenewalQuestion } from './components/RenewalQuestion';
import { agreementBody, agreementIssues } from '../../../../shared/contracts/agreements';
import { schemaErrors } from '../../utils/schemaErrors';
import { fieldMessage } from '../../utils/validationMessages';
import { emptyForm, fromAgreement, toInput, type AgreementForm } from './hooks/useAgreementForm';

const LIST = `/plugins/${PLUGIN_ID}/agreements`;

export const AgreementEditPage = () => {
  const t = useT();
  const allowed = useAllowed();
  const agreement = useRecord(agreementRecord);
  const { id, isNew, data: a } = agreement;
  const templates = useTemplatesQuery();
  const purposes = usePurposesQuery();
  const initialValues = useMemo(() => (isNew ? emptyForm() : a && fromAgreement(a)), [isNew, a]);
  const renewal = useRenewalQuestion();
  // Opened from a form's Agreements tab (the pencil): the list of accepted consents is that form's.
  const fromForm = new URLSearchParams(useLocation().search).get('form');
  const consentsLink = `/plugins/${PLUGIN_ID}/consents?${new URLSearchParams({ agreement: String(id), ...(fromForm ? { form: fromForm } : {}), action: 'given' })}`;

  // What the server checks, as the user types: the schema, then the rules across fields.
  const check = (values: AgreementForm) => {
    const input = toInput(values);
    const problems = schemaErrors(agreementBody, input, t);
    const parsed = agreementBody.safeParse(input);
    for (const issue of parsed.success ? agreementIssues(parsed.data) : []) {
      const key = issue.path.join('.');
      if (!problems[key]) problems[key] = fieldMessage(issue, t);
    }
    return problems;
  };

  const save = async (values: AgreementForm) => {
    // A new version of an agreement people consented to: does it need their consent again?
    const requiresRenewal = isNew ? null : await renewal.ask();
    if (!isNew && requiresRenewal === null) throw new Error(t('agreements.renewal.cancelled', 'Not saved: answer whether the change requires renewed consent'));
    const res = await agreement.save(isNew ? toInput(values) : { ...toInput(values), requiresRenewal: Boolean(requiresRenewal) });
    return {
      id: res.data.id,
      values: fromAgreement(res.data),
      message: res.meta.versionCreated
        ? res.meta.requiresRenewal
          ? t('agreements.saved.renewal', 'Version {number} created; earlier consents now need renewal', { number: res.data.currentVersionNumber })
          : t('agreements.saved.version', 'Version {number} created', { number: res.data.currentVersionNumber })
        : t('agreements.saved.noVersion', 'No visible change: no new version'),
    };
  };

  return (
    <EditPage
      isNew={isNew}
      list={LIST}
      loadError={agreement.error ?? templates.error ?? purposes.error}
      initialValues={templates.data && purposes.data ? initialValues : undefined}
      canManage={allowed.agreementsManage}
      title={isNew ? t('agreements.new', 'New agreement') : a?.name || t('agreements.title', 'Agreements')}
      subtitle={
        a?.currentVersionNumber ? (
          <RecordSubtitle
            text={t('agreements.currentVersion', 'Current version: {number}', { number: a.currentVersionNumber })}
            active={a.active}
            of="agreements"
          />
        ) : (
          t('agreements.editor.subtitle', 'Every visible change makes a new version; old versions stay as they were')
        )
      }
      actions={
        // The last step of the Bitrix path: form → Agreements tab → pencil → «Список принятых согласий».
        !isNew && allowed.consentsRead ? (
          <LinkButton tag={NavLink} to={consentsLink} variant="secondary" startIcon={<List />} data-testid="agreement-consents-link">
            {t('agreements.consents', 'List of accepted consents')}
          </LinkButton>
        ) : undefined
      }
      deleteMessage={t(
        'agreements.delete.confirm',
        'Delete this agreement? An agreement that people have already consented to cannot be deleted, only deactivated.'
      )}
      onRemove={agreement.remove}
      check={check}
      onSave={save}
    >
      {!isNew && allowed.consentsRead && id && <ConsentStates agreementId={Number(id)} />}
      <AgreementEditor isNew={isNew} agreement={a} templates={templates.data ?? []} purposes={purposes.data ?? []} />
      {renewal.dialog}
    </EditPage>
  );
};

export default AgreementEditPage;
