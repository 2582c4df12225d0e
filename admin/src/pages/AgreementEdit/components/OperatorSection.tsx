import { Box, Typography } from '@strapi/design-system';
import type { Company } from '../../../../../shared/contracts/agreements';
import { FormRadioGroup, FormSelect } from '../../../components/form/fields';
import { RequisitesFields } from '../../../components/RequisitesFields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { useAgreementEditor } from '../hooks/useAgreementForm';

/**
 * The operator of a custom agreement (optional): a company or typed requisites. Its versions keep them
 * and its receipts name the operator, as a standard agreement's do.
 */
export const OperatorSection = ({ companies }: { companies: Company[] }) => {
  const t = useT();
  const { form } = useAgreementEditor();
  const company = companies.find((c) => c.id === form.companyId);
  const sources = [['company', t('agreements.dataSource.company', "My company's requisites")], ['manual', t('agreements.dataSource.manual', 'Entered manually')]] as const;
  return (
    <Section title={t('agreements.section.operator', 'Operator')}>
      <Box>
        <Typography variant="pi" textColor="neutral600">
          {t('agreements.operator.hint', 'Named in the receipts of this agreement. When none is chosen, receipts name the first company entered in the plugin.')}
        </Typography>
      </Box>
      <FormRadioGroup name="dataSource" label={t('agreements.dataSource', 'Operator requisites')} options={sources} />
      {form.dataSource === 'company' ? (
        <FormSelect<number>
          name="companyId"
          label={t('agreements.company', 'Company')}
          hint={company ? [company.inn, company.unp, company.bin, company.legalAddress].filter(Boolean).join(' · ') : undefined}
          placeholder={t('agreements.company.placeholder', 'Choose a company')}
          options={companies.map((c) => [String(c.id), c.name] as const)}
          parse={Number}
        />
      ) : (
        <RequisitesFields prefix="requisites." />
      )}
    </Section>
  );
};
