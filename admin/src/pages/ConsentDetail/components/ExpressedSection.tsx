import { Box, Status, Typography } from '@strapi/design-system';
import type { ConsentDetail } from '../../../api/types';
import { Section } from '../../../components/Section';
import { Terms } from '../../../components/Term';
import { useT, useUiLanguage } from '../../../hooks/useT';
import { DISTRIBUTION_CATEGORIES } from '../../../../../shared/contracts/choices';
import { BEHAVIOUR_LABELS } from '../../FormEdit/hooks/useFormEditor';

export const CHANNEL_LABELS: Record<string, string> = {
  web: 'On the site (form or widget)',
  api: 'Recorded by the site’s own code',
  admin: 'Recorded by an operator in the admin panel',
  import: 'Collected elsewhere (paper, phone, another system) and imported by an operator',
  'self-service': 'By the person on their “My consents” page (link sent to their e-mail)',
};

/** How the consent was expressed: the checkbox behaviour, its initial state, whether the text was opened. */
export const ExpressedSection = ({ detail }: { detail: ConsentDetail }) => {
  const t = useT();
  const ui = useUiLanguage();
  const e = detail.expressed;
  const yesNo = (v: boolean, testId: string) => (
    <Status variant={v ? 'success' : 'neutral'} size="S" data-testid={testId}>
      <Typography>{v ? t('toggle.yes', 'Yes') : t('toggle.no', 'No')}</Typography>
    </Status>
  );
  const behaviour = e.behaviour && BEHAVIOUR_LABELS[e.behaviour];
  const channel = e.channel ?? 'web';
  // A preset category by its title in the panel's language; the version (below) names an agreement's own ones.
  const categoryName = (code: string) => {
    const preset = DISTRIBUTION_CATEGORIES.find((c) => c.code === code);
    return preset ? (ui === 'ru' ? preset.ru : preset.en) : code;
  };
  return (
    <Section title={t('consent.expressed.title', 'How it was expressed')}>
      <Terms
        items={[
          {
            key: 'behaviour',
            label: t('forms.agreement.behaviour', 'Checkbox behaviour'),
            value: <Typography data-testid="consent-behaviour">{behaviour ? t(behaviour[0], behaviour[1]) : (e.behaviour ?? '—')}</Typography>,
            wide: true,
          },
          {
            key: 'prechecked',
            label: t('consent.expressed.prechecked', 'Box pre-ticked'),
            value: yesNo(e.prechecked, 'consent-prechecked'),
          },
          {
            key: 'fullTextOpened',
            label: t('consent.expressed.fullTextOpened', 'Full text opened'),
            value: yesNo(e.fullTextOpened, 'consent-full-text-opened'),
          },
          {
            key: 'channel',
            label: t('consent.expressed.channel', 'Channel'),
            value: t(`consents.channel.${channel}`, CHANNEL_LABELS[channel] ?? channel),
            wide: true,
          },
          // What the person chose inside the agreement (a proof field of the event).
          ...(e.choices?.channels
            ? [
                {
                  key: 'adChannels',
                  label: t('consent.expressed.adChannels', 'Advertising channels ticked'),
                  value: (
                    <Typography data-testid="consent-ad-channels">
                      {e.choices.channels.length ? e.choices.channels.map((c) => t(`channels.${c}`, c)).join(', ') : '—'}
                    </Typography>
                  ),
                  wide: true,
                },
              ]
            : []),
          ...(e.choices?.categories
            ? [
                {
                  key: 'categories',
                  label: t('consent.expressed.categories', 'Distribution of each category'),
                  value: (
                    <Typography data-testid="consent-categories">
                      {Object.entries(e.choices.categories)
                        .map(([code, allowed]) => `${categoryName(code)}: ${allowed ? t('consent.expressed.allowed', 'allowed') : t('consent.expressed.prohibited', 'prohibited')}`)
                        .join('; ')}
                    </Typography>
                  ),
                  wide: true,
                },
              ]
            : []),
          // An agreement without data categories: the captions of the form's fields its text listed.
          ...(e.dataShown?.length
            ? [
                {
                  key: 'dataShown',
                  label: t('consent.expressed.dataShown', 'Data listed in the text'),
                  value: (
                    <Box>
                      <ul data-testid="consent-data-shown" style={{ margin: 0, paddingLeft: '1.25rem', listStyle: 'disc' }}>
                        {e.dataShown.map((c, i) => (
                          <li key={i}>
                            <Typography>{c}</Typography>
                          </li>
                        ))}
                      </ul>
                      <Typography variant="pi" textColor="neutral600">
                        {t('consent.expressed.dataShownHint', 'The captions of the form’s fields as the person saw them, recorded with the consent.')}
                      </Typography>
                    </Box>
                  ),
                  wide: true,
                },
              ]
            : []),
        ]}
      />
    </Section>
  );
};
