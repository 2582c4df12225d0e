import { useMemo, useState } from 'react';
import { Box, Button, Checkbox, Combobox, ComboboxOption, Field, Flex, Radio, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { DEFAULT_DELIMITER, type ExportDelimiter, type ExportFormat } from '../../../../../shared/contracts/constants';
import { useExportTicketMutation } from '../../../api';
import type { ConsentFilter } from '../../../api/types';
import { PanelModal } from '../../../components/PanelModal';
import { useT, useUiLanguage } from '../../../hooks/useT';
import { apiStatus } from '../../../utils/apiError';
import { apiOrigin } from '../../../utils/apiOrigin';

/** Lets the browser download a link: it saves the response to disk as it arrives. */
const downloadLink = (href: string) => {
  const a = document.createElement('a');
  a.href = href;
  a.download = '';
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
};

/** The browser's zone (the admin's), and every zone this browser knows, UTC first. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const knownZones = (): string[] => {
  const list = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  // The browser may name its own zone by an alias the list leaves out (Etc/UTC, Europe/Kiev).
  return [...new Set(['UTC', browserZone(), ...list])];
};

/**
 * "Export": a dialog for how the file is written, then the current filter's records (every one, not
 * only this page) as the server streams them. CSV (UTF-8 with a BOM, `;` for a Russian admin so that
 * Excel splits the columns) or XLSX with typed cells; headers and values in the admin's language;
 * times in UTC and in a chosen zone (the browser's by default); what people typed into the form as
 * columns, offered only to a role that may read personal data. The panel posts the filter and the
 * options (the filter may name a person) for a one-time link, then the browser downloads from it.
 * The server records each export.
 */
export const ExportButton = ({ filter, personalData }: { filter: ConsentFilter; personalData: boolean }) => {
  const t = useT();
  const lang = useUiLanguage();
  const { toggleNotification } = useNotification();
  const [ticket, { isLoading }] = useExportTicketMutation();
  const zones = useMemo(knownZones, []);
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [delimiter, setDelimiter] = useState<ExportDelimiter>(DEFAULT_DELIMITER[lang]);
  const [timeZone, setTimeZone] = useState(browserZone);
  // The box's text: the chosen zone, or what is being typed to find one.
  const [zoneText, setZoneText] = useState(timeZone);
  const [typedData, setTypedData] = useState(false);

  const run = async () => {
    try {
      // A one-time link, then a plain download: a large export streams to disk, not into this page.
      const options = { format, lang, timeZone, ...(format === 'csv' ? { delimiter } : {}), ...(personalData && typedData ? { typedData: true } : {}) };
      const { url } = await ticket({ filter, options }).unwrap();
      downloadLink(`${apiOrigin()}${url}`);
      setOpen(false);
      toggleNotification({
        type: 'success',
        message:
          format === 'xlsx'
            ? t('consents.export.startedXlsx', 'The export is downloading; your browser saves it as an Excel (XLSX) file.')
            : t('consents.export.started', 'The export is downloading; your browser saves it as a CSV file.'),
      });
    } catch (e) {
      toggleNotification({
        type: 'danger',
        message:
          apiStatus(e) === 403
            ? t('consents.export.forbidden', 'Your role may not export consents, or may not filter by personal data.')
            : t('consents.export.failed', 'The export failed. Try again; if it keeps failing, narrow the filter.'),
      });
    }
  };

  const delimiters: [ExportDelimiter, string][] = [
    ['semicolon', t('consents.export.delimiter.semicolon', 'Semicolon ( ; ) — Excel with Russian regional settings')],
    ['comma', t('consents.export.delimiter.comma', 'Comma ( , ) — Excel with English regional settings')],
    ['tab', t('consents.export.delimiter.tab', 'Tab')],
  ];

  return (
    <>
      <Button variant="secondary" startIcon={<Download />} onClick={() => setOpen(true)}>
        {t('consents.export', 'Export')}
      </Button>
      {open && (
        <PanelModal
          title={t('consents.export.title', 'Export the log')}
          onClose={() => setOpen(false)}
          action={
            <Button startIcon={<Download />} onClick={run} loading={isLoading} data-testid="export-download">
              {t('consents.export.download', 'Download')}
            </Button>
          }
        >
          <Flex direction="column" alignItems="stretch" gap={5}>
            <Field.Root name="exportFormat" hint={t('consents.export.format.hint', 'Every record of the current filter, not only this page. Headers and values are in the language of the panel.')}>
              <Field.Label>{t('consents.export.format', 'Format')}</Field.Label>
              <Radio.Group aria-label={t('consents.export.format', 'Format')} value={format} onValueChange={(v: string) => setFormat(v as ExportFormat)}>
                <Flex gap={6}>
                  <Radio.Item value="csv">{t('consents.export.format.csv', 'CSV')}</Radio.Item>
                  <Radio.Item value="xlsx">{t('consents.export.format.xlsx', 'Excel (XLSX)')}</Radio.Item>
                </Flex>
              </Radio.Group>
              <Field.Hint />
            </Field.Root>
            {format === 'csv' && (
              <Field.Root name="exportDelimiter" width="100%">
                <Field.Label>{t('consents.export.delimiter', 'Column delimiter')}</Field.Label>
                <SingleSelect value={delimiter} onChange={(v: string | number) => setDelimiter(String(v) as ExportDelimiter)}>
                  {delimiters.map(([v, label]) => (
                    <SingleSelectOption key={v} value={v}>
                      {label}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
            )}
            <Field.Root
              name="exportTimeZone"
              width="100%"
              hint={t('consents.export.timeZone.hint', 'Times are given in UTC and, in a column beside, in this time zone.')}
            >
              <Field.Label>{t('consents.export.timeZone', 'Time zone')}</Field.Label>
              <Combobox
                value={timeZone}
                textValue={zoneText}
                onTextValueChange={setZoneText}
                onChange={(v?: string) => {
                  const zone = v || browserZone();
                  setTimeZone(zone);
                  setZoneText(zone);
                }}
                placeholder={t('consents.export.timeZone.placeholder', 'Type a city, e.g. Moscow')}
                noOptionsMessage={() => t('consents.export.timeZone.none', 'No such time zone')}
                autocomplete={{ type: 'list', filter: 'contains' }}
              >
                {zones.map((z) => (
                  <ComboboxOption key={z} value={z}>
                    {z}
                  </ComboboxOption>
                ))}
              </Combobox>
              <Field.Hint />
            </Field.Root>
            {personalData && (
              <Box>
                <Checkbox checked={typedData} onCheckedChange={(v: boolean | 'indeterminate') => setTypedData(v === true)} name="exportTypedData">
                  {t('consents.export.typedData', 'Include what people typed into the forms (personal data), one column per form field')}
                </Checkbox>
              </Box>
            )}
          </Flex>
        </PanelModal>
      )}
    </>
  );
};
