import { Box, Field, Flex, Link, Radio, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { Company, TemplateId, TemplateInfo } from '../../../../../shared/contracts/agreements';
import { RequisitesFields } from '../../../components/RequisitesFields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { PLUGIN_ID } from '../../../pluginId';
import type { SectionProps } from '../hooks/useAgreementForm';

interface Props extends SectionProps {
  templates: TemplateInfo[];
  companies: Company[];
  onTemplate: (id: TemplateId) => void;
}

/** Which template, and whose requisites fill it. */
export const SourceSection = ({ form, update, errors, disabled, templates, companies, onTemplate }: Props) => {
  const t = useT();
  const template = templates.find((tpl) => tpl.id === form.template);
  const company = companies.find((c) => c.id === form.companyId);

  return (
    <Section title={t('agreements.section.source', 'Template and operator')}>
      <Field.Root
        name="template"
        error={errors.template}
        required
        hint={template ? t('agreements.template.law', 'Written from: {law}', { law: template.law }) : undefined}
      >
        <Field.Label>{t('agreements.template', 'Template')}</Field.Label>
        <SingleSelect
          value={form.template || null}
          placeholder={t('agreements.template.placeholder', 'Choose a template')}
          onChange={(v) => onTemplate(v as TemplateId)}
          disabled={disabled}
        >
          {templates.map((tpl) => (
            <SingleSelectOption key={tpl.id} value={tpl.id}>
              {t(`templates.${tpl.id}`, tpl.title)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Hint />
        <Field.Error />
      </Field.Root>

      <Field.Root name="dataSource" error={errors.dataSource}>
        <Field.Label>{t('agreements.dataSource', 'Operator requisites')}</Field.Label>
        <Radio.Group
          aria-label={t('agreements.dataSource', 'Operator requisites')}
          value={form.dataSource}
          onValueChange={(v) => update('dataSource', v as 'company' | 'manual')}
          disabled={disabled}
        >
          <Flex gap={6}>
            <Radio.Item value="company">{t('agreements.dataSource.company', "My company's requisites")}</Radio.Item>
            <Radio.Item value="manual">{t('agreements.dataSource.manual', 'Entered manually')}</Radio.Item>
          </Flex>
        </Radio.Group>
        <Field.Error />
      </Field.Root>

      {form.dataSource === 'company' ? (
        <Field.Root
          name="companyId"
          error={errors.companyId}
          required
          hint={company ? [company.inn, company.unp, company.bin, company.legalAddress].filter(Boolean).join(' · ') : undefined}
        >
          <Field.Label>{t('agreements.company', 'Company')}</Field.Label>
          <SingleSelect
            value={form.companyId ?? null}
            placeholder={t('agreements.company.placeholder', 'Choose a company')}
            onChange={(v) => update('companyId', Number(v))}
            disabled={disabled}
          >
            {companies.map((c) => (
              <SingleSelectOption key={c.id} value={c.id}>
                {c.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
          <Field.Error />
          <Box paddingTop={1}>
            <Typography variant="pi" textColor="neutral600">
              {companies.length === 0 && t('agreements.company.none', 'No companies yet.')}{' '}
              <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/companies/new`}>
                {t('agreements.company.add', 'Add a company')}
              </Link>
            </Typography>
          </Box>
        </Field.Root>
      ) : (
        <RequisitesFields
          value={form.requisites}
          onChange={(r) => update('requisites', r)}
          errors={errors}
          errorPrefix="requisites."
          disabled={disabled}
        />
      )}
    </Section>
  );
};
