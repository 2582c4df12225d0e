import { useId } from 'react';
import { useIntl } from 'react-intl';
import { Box, Flex, Typography } from '@strapi/design-system';
import type { ActionCounts, Overview } from '../../../api';
import { useActionLabel } from '../../../components/ActionBadge';
import { DataTable } from '../../../components/list/DataTable';
import { useT } from '../../../hooks/useT';
import { CHART_ACTIONS, useActionColors } from './actionColors';

const W = 960;
const H = 240;
const LEFT = 44;
const BOTTOM = 26;
const TOP = 10;

const sum = (c: ActionCounts) => CHART_ACTIONS.reduce((s, a) => s + c[a], 0);
/** A round top for the scale at or above the busiest day, whose half (the middle line) is a whole number. */
const niceMax = (n: number) => {
  if (n <= 4) return Math.max(n + (n % 2), 1);
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((v) => v >= n && (v / 2) % 1 === 0)!;
};
/** A day `YYYY-MM-DD` as a date to format: its noon in UTC, formatted in UTC (no shift to another day). */
const dayDate = (day: string) => new Date(`${day}T12:00:00Z`);

/**
 * Events per day as bars stacked by action, drawn in SVG (no chart library). The picture has a text
 * alternative twice over: its label gives the totals, and "Show the numbers" opens a table of every
 * day with events; each bar names its day and counts on hover.
 */
export const DayChart = ({ data }: { data: Overview }) => {
  const t = useT();
  const { formatDate, formatNumber } = useIntl();
  const label = useActionLabel();
  const colors = useActionColors();
  const titleId = useId();
  const day = (d: string, long = false) => formatDate(dayDate(d), long ? { dateStyle: 'long', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const countsText = (c: ActionCounts) =>
    CHART_ACTIONS.filter((a) => c[a] > 0)
      .map((a) => `${label(a)}: ${formatNumber(c[a])}`)
      .join(', ');

  const n = data.perDay.length;
  const max = niceMax(Math.max(0, ...data.perDay.map((d) => sum(d.counts))));
  const plotW = W - LEFT;
  const plotH = H - TOP - BOTTOM;
  const band = plotW / n;
  const barW = Math.max(1, band * 0.72);
  const y = (v: number) => TOP + plotH - (v / max) * plotH;
  const ticks = max > 1 ? [0, max / 2, max] : [0, max];
  // About seven date labels, the last one always today.
  const every = Math.max(1, Math.ceil(n / 7));
  const labelled = data.perDay.map((_, i) => i).filter((i) => (n - 1 - i) % every === 0);
  const busyDays = data.perDay.filter((d) => sum(d.counts) > 0);
  const summary = t('home.chart.label', 'Consent events per day, {from} – {to}. {totals}', {
    from: day(data.from, true),
    to: day(data.to, true),
    totals: sum(data.totals) ? countsText(data.totals) : t('home.chart.none', 'No events'),
  });

  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Box data-testid="home-chart">
        <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={titleId} style={{ display: 'block', maxHeight: 280 }}>
          <title id={titleId}>{summary}</title>
          {ticks.map((v) => (
            <g key={v}>
              <line x1={LEFT} x2={W} y1={y(v)} y2={y(v)} stroke="currentColor" strokeOpacity={0.15} />
              <text x={LEFT - 6} y={y(v)} dy="0.32em" textAnchor="end" fontSize={11} fill="currentColor" fillOpacity={0.7}>
                {formatNumber(v)}
              </text>
            </g>
          ))}
          {data.perDay.map((d, i) => {
            let base = 0;
            const x = LEFT + i * band + (band - barW) / 2;
            return (
              <g key={d.day} data-day={d.day} data-total={sum(d.counts)}>
                <title>{`${day(d.day, true)}: ${sum(d.counts) ? countsText(d.counts) : t('home.chart.none', 'No events')}`}</title>
                {/* The whole column takes the hover, however short its bar. */}
                <rect x={LEFT + i * band} y={TOP} width={band} height={plotH} fill="transparent" />
                {CHART_ACTIONS.map((a) => {
                  const v = d.counts[a];
                  if (!v) return null;
                  const top = y(base + v);
                  const h = y(base) - top;
                  base += v;
                  return <rect key={a} x={x} y={top} width={barW} height={Math.max(h, 0.5)} fill={colors[a]} />;
                })}
              </g>
            );
          })}
          {labelled.map((i) => (
            // Today's label ends at the right edge, so that it is not cut off.
            <text key={i} x={i === n - 1 ? W : LEFT + i * band + band / 2} y={H - 8} textAnchor={i === n - 1 ? 'end' : 'middle'} fontSize={11} fill="currentColor" fillOpacity={0.7}>
              {day(data.perDay[i].day)}
            </text>
          ))}
        </svg>
      </Box>
      <Flex gap={4} wrap="wrap" tag="ul" aria-label={t('home.chart.legend', 'Legend')} data-testid="home-legend">
        {CHART_ACTIONS.map((a) => (
          <Flex key={a} gap={2} tag="li" data-action={a}>
            <span aria-hidden style={{ width: 12, height: 12, borderRadius: 2, background: colors[a], display: 'inline-block' }} />
            <Typography variant="pi">
              {label(a)}: <strong data-testid={`home-total-${a}`}>{formatNumber(data.totals[a])}</strong>
            </Typography>
          </Flex>
        ))}
      </Flex>
      <details data-testid="home-chart-table">
        <summary style={{ cursor: 'pointer' }}>
          <Typography variant="pi" textColor="primary600">
            {t('home.chart.table', 'Show the numbers')}
          </Typography>
        </summary>
        <Box paddingTop={2}>
          {busyDays.length ? (
            <DataTable
              rows={busyDays}
              rowKey={(r) => r.day}
              columns={[
                { key: 'day', label: t('home.col.day', 'Day'), cell: (r) => day(r.day, true), strong: true },
                { key: 'total', label: t('home.col.total', 'Events'), cell: (r) => formatNumber(sum(r.counts)) },
                // One cell for the day's actions, not a column each: the table stays on screen however many
                // kinds of event there are.
                {
                  key: 'actions',
                  label: t('home.col.actions', 'Of which'),
                  cell: (r) => (
                    <Flex gap={3} wrap="wrap">
                      {CHART_ACTIONS.filter((a) => r.counts[a] > 0).map((a) => (
                        <Typography key={a} data-action={a} style={{ whiteSpace: 'nowrap' }}>
                          {label(a)}: <strong>{formatNumber(r.counts[a])}</strong>
                        </Typography>
                      ))}
                    </Flex>
                  ),
                },
              ]}
            />
          ) : (
            <Typography variant="pi" textColor="neutral600">
              {t('home.chart.none', 'No events')}
            </Typography>
          )}
        </Box>
      </details>
    </Flex>
  );
};
