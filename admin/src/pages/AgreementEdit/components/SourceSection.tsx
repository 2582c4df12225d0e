import { Box, Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { Company, TemplateId, TemplateInfo } from '../../../../../shared/contracts/agreements';
import { FormRadioGroup, FormSelect } from '../../../components/form/fields';
import { RequisitesFields } from '../../../components/RequisitesFields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { PLUGIN_ID } from '../../../pluginId';
import { useAgreementEditor } from '../hooks/useAgreementForm';

interface Props {
  templates: TemplateInfo[];
  companies: Company[];
  onTemplate: (id: TemplateId) => void;
}

/** Which template, and whose requisites fill it. */
export const SourceSection = ({ templates, companies, onTemplate }: Props) => {
  const t = useT();
  const { form } = useAgreementEditor();
  const template = templates.find((tpl) => tpl.id === form.template);
  const company = companies.find((c) => c.id === form.companyId);
  const sources = [['company', t('agreements.dataSource.company', "My company's requisites")], ['manual', t('agreements.dataSource.manual', 'Entered manually')]] as const;

  return (
    <Section title={t('agreements.section.source', 'Template and operator')}>
      <FormSelect<TemplateId>
        name="template"
        label={t('agreements.template', 'Template')}
        required
        hint={template ? t('agreements.template.law', 'Written from: {law}', { law: t(`templates.law.${template.id}`, template.law) }) : undefined}
        placeholder={t('agreements.template.placeholder', 'Choose a template')}
        options={templates.map((tpl) => [tpl.id, t(`templates.${tpl.id}`, tpl.title)] as const)}
        parse={(v) => v as TemplateId}
        onChange={onTemplate}
      />
      <FormRadioGroup name="dataSource" label={t('agreements.dataSource', 'Operator requisites')} options={sources} />
      {form.dataSource === 'company' ? (
        <FormSelect<number>
          name="companyId"
          label={t('agreements.company', 'Company')}
          required
          hint={company ? [company.inn, company.unp, company.bin, company.legalAddress].filter(Boolean).join(' · ') : undefined}
          placeholder={t('agreements.company.placeholder', 'Choose a company')}
          options={companies.map((c) => [String(c.id), c.name] as const)}
          parse={Number}
        >
          <Box paddingTop={1}>
            <Typography variant="pi" textColor="neutral600">
              {companies.length === 0 && t('agreements.company.none', 'No companies yet.')}{' '}
              <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/companies/new`}>
                {t('agreements.company.add', 'Add a company')}
              </Link>
            </Typography>
          </Box>
        </FormSelect>
      ) : (
        <RequisitesFields prefix="requisites." />
      )}
    </Section>
  );
};
