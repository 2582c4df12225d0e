import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Box, Button, Flex } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import type { Requisites } from '../../../../shared/contracts/agreements';
import { useConsentApi } from '../../api';
import { DeleteAction } from '../../components/DeleteAction';
import { RequisitesFields } from '../../components/RequisitesFields';
import { useAllowed } from '../../hooks/useAllowed';
import { useLoad } from '../../hooks/useLoad';
import { useT } from '../../hooks/useT';
import { PLUGIN_ID } from '../../pluginId';
import { apiErrorMessage, fieldErrors } from '../../utils/apiError';
import { cleanRequisites, emptyRequisites, toRequisitesForm } from '../../utils/requisites';

const LIST = `/plugins/${PLUGIN_ID}/companies`;

export const CompanyEditPage = () => {
  const { id } = useParams<{ id: string }>();
  const isNew = !id || id === 'new';
  const t = useT();
  const api = useConsentApi();
  const navigate = useNavigate();
  const allowed = useAllowed();
  const { toggleNotification } = useNotification();
  const canManage = allowed.companiesManage;

  const loaded = useLoad(() => api.companies.get(id!), `company:${id}`, !isNew);
  const [form, setForm] = useState<Requisites>(() => emptyRequisites());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (loaded.data) setForm(toRequisitesForm(loaded.data));
  }, [loaded.data]);

  if (!isNew && loaded.error) return <Page.Error />;
  if (!isNew && !loaded.data) return <Page.Loading />;

  const save = async () => {
    setSaving(true);
    setErrors({});
    try {
      const body = cleanRequisites(form);
      const saved = isNew ? await api.companies.create(body) : await api.companies.update(id!, body);
      toggleNotification({ type: 'success', message: t('notification.saved', 'Saved') });
      setForm(toRequisitesForm(saved));
      if (isNew) navigate(`${LIST}/${saved.id}`, { replace: true });
    } catch (e) {
      setErrors(fieldErrors(e));
      toggleNotification({
        type: 'danger',
        message: apiErrorMessage(e) ?? t('notification.error', 'Something went wrong'),
      });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    try {
      await api.companies.remove(id!);
      toggleNotification({ type: 'success', message: t('notification.deleted', 'Deleted') });
      navigate(LIST);
    } catch (e) {
      // A company still used by an agreement is refused with the server's own explanation.
      toggleNotification({
        type: 'danger',
        message: apiErrorMessage(e) ?? t('notification.error', 'Something went wrong'),
      });
    }
  };

  const title = isNew ? t('companies.new', 'New company') : loaded.data?.name || t('companies.title', 'Companies');

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={LIST} />}
        title={title}
        subtitle={t('companies.editor.subtitle', 'Requisites used to fill standard agreements')}
        primaryAction={
          canManage ? (
            <Flex gap={2}>
              {!isNew && (
                <DeleteAction
                  onConfirm={remove}
                  message={t('companies.delete.confirm', 'Delete this company? Agreements that use it must be pointed elsewhere first.')}
                />
              )}
              <Button startIcon={<Check />} onClick={save} loading={saving}>
                {t('actions.save', 'Save')}
              </Button>
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
          <RequisitesFields value={form} onChange={setForm} errors={errors} disabled={!canManage} />
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};

export default CompanyEditPage;
