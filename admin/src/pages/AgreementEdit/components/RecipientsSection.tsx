import { Box, Field, Flex, Grid, IconButton, TextButton, Toggle, Typography } from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import type { ThirdParty } from '../../../../../shared/contracts/agreements';
import { Section } from '../../../components/Section';
import { StringListField } from '../../../components/StringListField';
import { TextField } from '../../../components/TextField';
import { useT } from '../../../hooks/useT';
import { sentIndexes, type SectionProps } from '../hooks/useAgreementForm';

const blankParty = (p: ThirdParty) => !p.name.trim() && !(p.address ?? '').trim() && !(p.purpose ?? '').trim();

/** Who else receives the data: third parties, other countries, public sources. */
export const RecipientsSection = ({ form, update, errors, disabled }: SectionProps) => {
  const t = useT();
  const parties = form.thirdParties;
  const index = sentIndexes(parties.map(blankParty));
  const setParty = (i: number, key: keyof ThirdParty, value: string) =>
    update('thirdParties', parties.map((p, j) => (j === i ? { ...p, [key]: value } : p)));
  const countryIndex = sentIndexes(form.crossBorderCountries.map((c) => !c.trim()));

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
        {parties.map((party, i) => {
          const err = (key: string) => errors[`thirdParties.${index[i]}.${key}`];
          return (
            <Box key={i} padding={4} borderColor="neutral200" hasRadius background="neutral100">
              <Flex gap={2} alignItems="flex-start">
                <Grid.Root gap={3} flex="1">
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <TextField
                      name={`thirdParties.${i}.name`}
                      label={t('agreements.thirdParty.name', 'Name')}
                      value={party.name}
                      onChange={(v) => setParty(i, 'name', v)}
                      error={err('name')}
                      required
                      disabled={disabled}
                    />
                  </Grid.Item>
                  <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
                    <TextField
                      name={`thirdParties.${i}.address`}
                      label={t('agreements.thirdParty.address', 'Address')}
                      value={party.address}
                      onChange={(v) => setParty(i, 'address', v)}
                      error={err('address')}
                      disabled={disabled}
                    />
                  </Grid.Item>
                  <Grid.Item col={12} direction="column" alignItems="stretch">
                    <TextField
                      name={`thirdParties.${i}.purpose`}
                      label={t('agreements.thirdParty.purpose', 'Purpose of the transfer')}
                      value={party.purpose}
                      onChange={(v) => setParty(i, 'purpose', v)}
                      error={err('purpose')}
                      disabled={disabled}
                    />
                  </Grid.Item>
                </Grid.Root>
                {!disabled && (
                  <IconButton
                    label={t('agreements.thirdParty.remove', 'Remove this third party')}
                    variant="ghost"
                    onClick={() => update('thirdParties', parties.filter((_, j) => j !== i))}
                  >
                    <Trash />
                  </IconButton>
                )}
              </Flex>
            </Box>
          );
        })}
        {!disabled && (
          <Box>
            <TextButton
              startIcon={<Plus />}
              onClick={() => update('thirdParties', [...parties, { name: '', address: '', purpose: '' }])}
            >
              {t('agreements.thirdParty.add', 'Add a third party')}
            </TextButton>
          </Box>
        )}
      </Flex>
      <StringListField
        name="crossBorderCountries"
        label={t('agreements.crossBorder', 'Cross-border transfer to')}
        hint={t('agreements.crossBorder.hint', 'Countries the data may be transferred to. Empty: no cross-border transfer.')}
        addLabel={t('agreements.crossBorder.add', 'Add a country')}
        values={form.crossBorderCountries}
        onChange={(v) => update('crossBorderCountries', v)}
        errors={form.crossBorderCountries.map((_, i) => errors[`crossBorderCountries.${countryIndex[i]}`])}
        disabled={disabled}
      />
      <Field.Root
        name="publicSources"
        error={errors.publicSources}
        hint={t('agreements.publicSources.hint', 'Whether the data may be published in public sources (required by Kazakhstan law)')}
      >
        <Field.Label>{t('agreements.publicSources', 'Publication in public sources')}</Field.Label>
        <Toggle
          checked={form.publicSources}
          onChange={(e) => update('publicSources', e.target.checked)}
          onLabel={t('toggle.yes', 'Yes')}
          offLabel={t('toggle.no', 'No')}
          disabled={disabled}
        />
        <Field.Hint />
        <Field.Error />
      </Field.Root>
    </Section>
  );
};
