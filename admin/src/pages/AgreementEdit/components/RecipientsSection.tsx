import { Box, Flex, Grid, IconButton, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import type { ThirdParty } from '../../../../../shared/contracts/agreements';
import { AddButton } from '../../../components/AddButton';
import { FormTextField, FormToggle } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { FormStringList } from '../../../components/form/FormStringList';
import { useT } from '../../../hooks/useT';
import { sentIndexes, useAgreementEditor } from '../hooks/useAgreementForm';

const blankParty = (p: ThirdParty) => !p.name.trim() && !(p.address ?? '').trim() && !(p.purpose ?? '').trim();

/** Who else receives the data: third parties, other countries, public sources. */
export const RecipientsSection = () => {
  const t = useT();
  const { form, update, disabled } = useAgreementEditor();
  const parties = form.thirdParties;
  // Error paths name the index in the body sent, where blank rows are left out.
  const index = sentIndexes(parties.map(blankParty));
  const party = (i: number, key: keyof ThirdParty, label: string, col: number, required = false) => (
    <Grid.Item col={col} s={12} direction="column" alignItems="stretch">
      <FormTextField name={`thirdParties.${i}.${key}`} errorPath={`thirdParties.${index[i]}.${key}`} label={label} required={required} />
    </Grid.Item>
  );

  const hint = {
    crossBorder: t('agreements.crossBorder.hint', 'Countries the data may be transferred to. Empty: no cross-border transfer.'),
    publicSources: t('agreements.publicSources.hint', 'Whether the data may be published in public sources (required by Kazakhstan law)'),
  };

  return (
    <Section title={t('agreements.section.recipients', 'Recipients')}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="pi" fontWeight="bold" textColor="neutral800">
          {t('agreements.thirdParties', 'Third parties')}
        </Typography>
        {parties.length === 0 && (
          <Typography variant="pi" textColor="neutral600">
            {t('agreements.thirdParties.none', 'None: the data is not passed to anyone else.')}
          </Typography>
        )}
        {parties.map((_, i) => (
          <Box key={i} padding={4} borderColor="neutral200" hasRadius background="neutral100">
            <Flex gap={2} alignItems="flex-start">
              <Grid.Root gap={3} flex="1">
                {party(i, 'name', t('agreements.thirdParty.name', 'Name'), 6, true)}
                {party(i, 'address', t('agreements.thirdParty.address', 'Address'), 6)}
                {party(i, 'purpose', t('agreements.thirdParty.purpose', 'Purpose of the transfer'), 12)}
              </Grid.Root>
              {!disabled && (
                <IconButton
                  label={t('agreements.thirdParty.remove', 'Remove this third party')}
                  variant="ghost"
                  onClick={() =>
                    update(
                      'thirdParties',
                      parties.filter((_, j) => j !== i)
                    )
                  }
                >
                  <Trash />
                </IconButton>
              )}
            </Flex>
          </Box>
        ))}
        {!disabled && (
          <AddButton onClick={() => update('thirdParties', [...parties, { name: '', address: '', purpose: '' }])}>
            {t('agreements.thirdParty.add', 'Add a third party')}
          </AddButton>
        )}
      </Flex>
      <FormStringList name="crossBorderCountries" label={t('agreements.crossBorder', 'Cross-border transfer to')} hint={hint.crossBorder} addLabel={t('agreements.crossBorder.add', 'Add a country')} />
      <FormToggle name="publicSources" label={t('agreements.publicSources', 'Publication in public sources')} hint={hint.publicSources} on={t('toggle.yes', 'Yes')} off={t('toggle.no', 'No')} />
    </Section>
  );
};
