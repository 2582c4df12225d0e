import { useMemo, useRef, useState } from 'react';
import { Box } from '@strapi/design-system';
import type { Requisites } from '../../../../shared/contracts/agreements';
import { CreateCompany, type DuplicateRegistration } from '../../../../shared/contracts/companies';
import { companyRecord } from '../../api';
import { EditPage, SAVE_CANCELLED } from '../../components/form/EditPage';
import { useRecord } from '../../components/form/useRecord';
import { RequisitesFields } from '../../components/RequisitesFields';
import { useAllowed } from '../../hooks/useAllowed';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { cleanRequisites, emptyRequisites, toRequisitesForm } from '../../utils/requisites';
import { schemaErrors } from '../../utils/schemaErrors';
import { apiError } from '../../utils/apiError';
import { DuplicateDialog } from './DuplicateDialog';

const LIST = `/plugins/${PLUGIN_ID}/companies`;

/** The server's warning that another company has one of these numbers (409 duplicate-registration), or null. */
const duplicateOf = (error: unknown): DuplicateRegistration | null => {
  const body = apiError(error);
  return body?.details?.code === 'duplicate-registration' ? ((body.details.params ?? null) as DuplicateRegistration | null) : null;
};

export const CompanyEditPage = () => {
  const t = useT();
  const allowed = useAllowed();
  const company = useRecord(companyRecord);
  const { isNew } = company;
  const initialValues = useMemo(() => (isNew ? emptyRequisites() : company.data && toRequisitesForm(company.data)), [isNew, company.data]);

  // The company schema the server checks with, run as the user types (check digits, the website...).
  const check = (values: Requisites) => schemaErrors(CreateCompany.body, cleanRequisites(values), t);

  // A duplicate number: the save waits for the editor's answer in the dialog.
  const [duplicate, setDuplicate] = useState<DuplicateRegistration | null>(null);
  const answer = useRef<(confirmed: boolean) => void>(() => undefined);
  const ask = (d: DuplicateRegistration) =>
    new Promise<boolean>((resolve) => {
      answer.current = (confirmed) => {
        setDuplicate(null);
        resolve(confirmed);
      };
      setDuplicate(d);
    });

  const send = async (values: Requisites) => {
    const body = cleanRequisites(values);
    try {
      return await company.save(body);
    } catch (e) {
      const d = duplicateOf(e);
      if (!d) throw e;
      if (!(await ask(d))) throw SAVE_CANCELLED;
      return company.save({ ...body, confirmDuplicate: true });
    }
  };

  const save = async (values: Requisites) => {
    const res = await send(values);
    const versions = res.meta?.versionsCreated ?? 0;
    return {
      id: res.data.id,
      values: toRequisitesForm(res.data),
      // The agreements filled from this company were rendered again: say how many changed.
      message: versions
        ? t('companies.saved.versions', 'Saved. {count, plural, one {# agreement} other {# agreements}} filled from this company got a new version.', {
            count: versions,
          })
        : undefined,
    };
  };

  return (
    <EditPage
      isNew={isNew}
      list={LIST}
      loadError={company.error}
      initialValues={initialValues}
      canManage={allowed.companiesManage}
      title={isNew ? t('companies.new', 'New company') : company.data?.name || t('companies.title', 'Companies')}
      subtitle={t('companies.editor.subtitle', 'Requisites used to fill standard agreements')}
      deleteMessage={t('companies.delete.confirm', 'Delete this company? Agreements that use it must be pointed elsewhere first.')}
      onRemove={company.remove}
      check={check}
      onSave={save}
    >
      <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
        <RequisitesFields />
      </Box>
      <DuplicateDialog duplicate={duplicate} onAnswer={(confirmed) => answer.current(confirmed)} />
    </EditPage>
  );
};

export default CompanyEditPage;
