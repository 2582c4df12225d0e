import { Flex, Link, Status, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import type { ConsentDetail } from '../../../api/types';
import { Section } from '../../../components/Section';
import { Mono, Terms } from '../../../components/Term';
import { useT } from '../../../hooks/useT';
import { PLUGIN_ID } from '../../../pluginId';

/**
 * The record's place in the hash chain: its own hash recomputed, the link to the record before it
 * and the link from the record after it. A changed, removed or inserted record breaks one of them.
 */
export const ChainSection = ({ detail }: { detail: ConsentDetail }) => {
  const t = useT();
  const c = detail.chain;
  const flag = (ok: boolean | null, testId: string, okText: string, badText: string, noneText?: string) => (
    <Status variant={ok === null ? 'neutral' : ok ? 'success' : 'danger'} size="S" data-testid={testId}>
      <Typography>{ok === null ? noneText : ok ? okText : badText}</Typography>
    </Status>
  );
  const link = (id: number | null, label: string) =>
    id ? (
      <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/consents/${id}`}>
        {label}
      </Link>
    ) : null;

  return (
    <Section title={t('consent.chain.title', 'Place in the chain')}>
      <Terms
        items={[
          { key: 'chainSeq', label: t('consent.field.seq', 'Number in the chain'), value: c.seq, wide: true },
          { key: 'chainHash', label: t('consent.chain.hash', 'Own hash'), value: <Mono>{c.hash ?? '—'}</Mono>, wide: true },
          {
            key: 'chainPrevHash',
            label: t('consent.chain.prevHash', 'Hash of the previous record'),
            value: <Mono>{c.prevHash ?? '—'}</Mono>,
            wide: true,
          },
          {
            key: 'ownHashValid',
            label: t('consent.chain.ownHashValid', 'Content matches its hash'),
            value: flag(c.ownHashValid, 'chain-own-hash', t('consent.chain.valid', 'Valid'), t('consent.chain.altered', 'Altered')),
          },
          {
            key: 'linksToPrevious',
            label: t('consent.chain.linksToPrevious', 'Linked to the previous record'),
            value: flag(c.linksToPrevious, 'chain-previous', t('consent.chain.valid', 'Valid'), t('consent.chain.brokenLink', 'Broken')),
          },
          {
            key: 'linkedFromNext',
            label: t('consent.chain.linkedFromNext', 'Linked from the next record'),
            value: flag(
              c.linkedFromNext,
              'chain-next',
              t('consent.chain.valid', 'Valid'),
              t('consent.chain.brokenLink', 'Broken'),
              t('consent.chain.last', 'Last record so far')
            ),
          },
        ]}
      />
      <Flex gap={4}>
        {link(c.previousId, t('consent.chain.previous', '← Previous record'))}
        {link(c.nextId, t('consent.chain.next', 'Next record →'))}
      </Flex>
    </Section>
  );
};
