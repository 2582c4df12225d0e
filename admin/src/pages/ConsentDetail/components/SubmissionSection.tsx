import { Link, Typography } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';
import { useFormsQuery } from '../../../api';
import { isErased, type ConsentDetail } from '../../../api/types';
import { DateTime } from '../../../components/DateTime';
import { Section } from '../../../components/Section';
import { Terms } from '../../../components/Term';
import { useAllowed } from '../../../hooks/useAllowed';
import { useT } from '../../../hooks/useT';
import { PLUGIN_ID } from '../../../pluginId';

/**
 * What the client typed into the form ("who gave the consent"): shown only to a role that may read
 * personal data, and only when the form stores submissions.
 */
export const SubmissionSection = ({ detail }: { detail: ConsentDetail }) => {
  const t = useT();
  const allowed = useAllowed();
  const formKey = detail.submission?.formKey ?? detail.record.formKey;
  // The form's own labels ("Имя", "Комментарий") when the role may read forms; else the field names.
  // The same list of forms as the consent log's filter: read once for both.
  const forms = useFormsQuery({ pageSize: 100 }, { skip: !allowed.formsRead || !formKey || !detail.submission });
  const form = forms.data?.data.find((f) => f.key === formKey);
  const labelOf = (field: string) => form?.fields.find((f) => f.name === field)?.label || field;
  const title = t('consent.submission.title', 'What the client entered');
  const subject = detail.record.subject;
  // The person goes to the subject page in the router state: an e-mail or phone never goes into a URL.
  const lookup = subject?.email ? { email: subject.email } : subject?.phone ? { phone: subject.phone } : null;

  /** The section with a sentence instead of the submission. */
  const notice = (testId: string, text: string) => (
    <Section title={title}>
      <Typography textColor="neutral600" data-testid={testId}>
        {text}
      </Typography>
    </Section>
  );

  if (!detail.personalData) {
    return notice('submission-forbidden', t('consent.submission.forbidden', 'Your role may not read personal data, so what the client entered is not shown.'));
  }
  const s = detail.submission;
  const entries = Object.entries(s?.data ?? {});
  if (isErased(detail.record) && entries.length === 0) {
    return notice('submission-erased', t('consent.submission.erased', 'What the client entered was destroyed with the rest of their personal data.'));
  }
  return (
    <Section title={title}>
      {s && entries.length > 0 ? (
        <div data-testid="consent-submission">
          <Terms
            items={[
              ...entries.map(([field, value]) => ({
                key: `data-${field}`,
                label: labelOf(field),
                value: (
                  <Typography style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {typeof value === 'string' ? value : JSON.stringify(value)}
                  </Typography>
                ),
                wide: typeof value === 'string' && value.length > 40,
              })),
              { key: 'receivedAt', label: t('consent.submission.receivedAt', 'Received at'), value: <DateTime value={s.receivedAt} /> },
            ]}
          />
        </div>
      ) : (
        <Typography textColor="neutral600" data-testid="submission-none">
          {t('consent.submission.none', 'The form did not store what the client entered (storing submissions is off for it, or nothing was typed).')}
        </Typography>
      )}
      {lookup && (
        <Link tag={NavLink} to={`/plugins/${PLUGIN_ID}/consents/subject`} state={lookup}>
          {t('consent.submission.allEvents', 'Every consent event of this person')}
        </Link>
      )}
    </Section>
  );
};
