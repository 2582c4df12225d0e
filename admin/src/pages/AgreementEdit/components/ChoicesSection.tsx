import { Checkbox, Flex, Typography } from '@strapi/design-system';
import {
  AD_CHANNELS,
  DISTRIBUTION_CATEGORIES,
  DISTRIBUTION_PROHIBITIONS,
  DISTRIBUTION_TEMPLATE,
  isAdvertising,
  type AdChannel,
  type DistributionProhibition,
} from '../../../../../shared/contracts/choices';
import { FormTextField } from '../../../components/form/fields';
import { FormStringList } from '../../../components/form/FormStringList';
import { ListError } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { useT, useUiLanguage } from '../../../hooks/useT';
import { useAgreementEditor } from '../hooks/useAgreementForm';

const CHANNEL_LABELS: Record<AdChannel, string> = { email: 'E-mail', sms: 'SMS', phone: 'Phone calls', messengers: 'Messengers', push: 'Push notifications' };
const PROHIBITION_LABELS: Record<DistributionProhibition, string> = {
  'no-transfer': 'No transfer by the operator to an unlimited circle of persons (other than giving access)',
  'no-processing': 'No processing by an unlimited circle of persons (other than access)',
  'internal-network-only': 'Transfer only over the operator’s internal network, to named employees',
};

/**
 * What the person chooses inside the agreement: the advertising channels offered (38-FZ art. 18), or,
 * for a consent to distribution (152-FZ art. 10.1), the categories, the web resources, the
 * prohibitions and the conditions. Shown only for the agreements that have them.
 */
export const ChoicesSection = () => {
  const t = useT();
  const ui = useUiLanguage();
  const { form, update, disabled } = useAgreementEditor();
  const advertising = isAdvertising({ type: form.type, template: form.template, purposes: form.purposes });
  const distribution = form.type === 'standard' && form.template === DISTRIBUTION_TEMPLATE;
  if (!advertising && !distribution) return null;
  const toggle = <T extends string>(list: T[], value: T, on: boolean, all: readonly T[]) => all.filter((v) => (v === value ? on : list.includes(v)));

  return (
    <Section
      title={t('agreements.section.choices', 'What the person chooses')}
      hint={
        advertising
          ? t('agreements.channels.hint', 'Channels the person ticks one by one under the checkbox. None: the text lists e-mail, SMS and calls, and nothing is ticked separately.')
          : t('agreements.distribution.hint', 'The person allows or prohibits each category separately; every choice is kept with the record.')
      }
    >
      {advertising && (
        <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label={t('agreements.channels', 'Advertising channels offered')}>
          <Typography variant="pi" fontWeight="bold" textColor="neutral800">
            {t('agreements.channels', 'Advertising channels offered')}
          </Typography>
          {AD_CHANNELS.map((c) => (
            <Checkbox
              key={c}
              checked={form.channels.includes(c)}
              disabled={disabled}
              onCheckedChange={(v: boolean | 'indeterminate') => update('channels', toggle(form.channels, c, v === true, AD_CHANNELS))}
              data-testid={`agreement-channel-${c}`}
            >
              {t(`channels.${c}`, CHANNEL_LABELS[c])}
            </Checkbox>
          ))}
          <ListError name="channels" />
        </Flex>
      )}
      {distribution && (
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label={t('agreements.distribution.categories', 'Categories of data')}>
            <Typography variant="pi" fontWeight="bold" textColor="neutral800">
              {t('agreements.distribution.categories', 'Categories of data')}
            </Typography>
            {DISTRIBUTION_CATEGORIES.map((c) => (
              <Checkbox
                key={c.code}
                checked={form.distCategories.includes(c.code)}
                disabled={disabled}
                onCheckedChange={(v: boolean | 'indeterminate') =>
                  update('distCategories', toggle(form.distCategories, c.code, v === true, DISTRIBUTION_CATEGORIES.map((p) => p.code)))
                }
              >
                {ui === 'ru' ? c.ru : c.en}
              </Checkbox>
            ))}
            <ListError name="distribution.categories" />
          </Flex>
          <FormStringList
            name="distOwn"
            label={t('agreements.distribution.own', 'Other categories')}
            hint={t('agreements.distribution.own.hint', 'Categories of your own, as the text names them')}
            addLabel={t('agreements.distribution.own.add', 'Add a category')}
          />
          <FormStringList
            name="distResources"
            label={t('agreements.distribution.resources', 'Web resources where the data are published')}
            hint={t('agreements.distribution.resources.hint', 'Full addresses, e.g. https://site.example/team')}
            addLabel={t('agreements.distribution.resources.add', 'Add an address')}
          />
          <ListError name="distribution.resources" />
          <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label={t('agreements.distribution.prohibitions', 'Prohibitions and conditions')}>
            <Typography variant="pi" fontWeight="bold" textColor="neutral800">
              {t('agreements.distribution.prohibitions', 'Prohibitions and conditions')}
            </Typography>
            {DISTRIBUTION_PROHIBITIONS.map((p) => (
              <Checkbox
                key={p}
                checked={form.distProhibitions.includes(p)}
                disabled={disabled}
                onCheckedChange={(v: boolean | 'indeterminate') => update('distProhibitions', toggle(form.distProhibitions, p, v === true, DISTRIBUTION_PROHIBITIONS))}
              >
                {t(`agreements.distribution.prohibition.${p}`, PROHIBITION_LABELS[p])}
              </Checkbox>
            ))}
          </Flex>
          <FormTextField name="distConditions" errorPath="distribution.conditions" label={t('agreements.distribution.conditions', 'Other conditions of processing')} multiline />
        </Flex>
      )}
    </Section>
  );
};
