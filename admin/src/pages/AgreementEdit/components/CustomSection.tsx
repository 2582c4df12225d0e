import { Field, Flex, Radio, Textarea } from '@strapi/design-system';
import { Section } from '../../../components/Section';
import { TextField } from '../../../components/TextField';
import { useT } from '../../../hooks/useT';
import type { SectionProps } from '../hooks/useAgreementForm';

/** The full text of a custom agreement: own HTML, or a link to a text published elsewhere. */
export const CustomSection = ({ form, update, errors, disabled }: SectionProps) => {
  const t = useT();
  return (
    <Section title={t('agreements.section.custom', 'Full text')}>
      <Radio.Group
        aria-label={t('agreements.custom.mode', 'Where the full text is')}
        value={form.customMode}
        onValueChange={(v) => update('customMode', v as 'html' | 'url')}
        disabled={disabled}
      >
        <Flex gap={6}>
          <Radio.Item value="html">{t('agreements.custom.mode.html', 'HTML text here')}</Radio.Item>
          <Radio.Item value="url">{t('agreements.custom.mode.url', 'External URL')}</Radio.Item>
        </Flex>
      </Radio.Group>
      {form.customMode === 'html' ? (
        <Field.Root
          name="customHtml"
          error={errors.customHtml}
          hint={t(
            'agreements.customHtml.hint',
            'HTML is sanitised on save: scripts, styles, event handlers and unknown tags are removed. The preview shows what remains.'
          )}
          width="100%"
        >
          <Field.Label>{t('agreements.customHtml', 'Agreement text (HTML)')}</Field.Label>
          <Textarea
            value={form.customHtml}
            onChange={(e) => update('customHtml', e.target.value)}
            disabled={disabled}
            style={{ minHeight: '24rem', fontFamily: 'monospace' }}
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      ) : (
        <TextField
          name="externalUrl"
          label={t('agreements.externalUrl', 'URL of the full text')}
          hint={t('agreements.externalUrl.hint', 'The bracketed part of the label links here')}
          value={form.externalUrl}
          onChange={(v) => update('externalUrl', v)}
          error={errors.externalUrl}
          disabled={disabled}
          placeholder="https://"
        />
      )}
    </Section>
  );
};
