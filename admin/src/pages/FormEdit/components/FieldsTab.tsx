import { Box, Checkbox, EmptyStateLayout, Flex, Grid, Typography } from '@strapi/design-system';
import { FIELD_TYPES } from '../../../../../shared/contracts/constants';
import { AddButton } from '../../../components/AddButton';
import { FormSelect, FormTextField, ListError } from '../../../components/form/fields';
import { Section } from '../../../components/Section';
import { useT } from '../../../hooks/useT';
import { newUid, useFormEditor, type FieldRow } from '../hooks/useFormEditor';
import { useReorder } from '../hooks/useReorder';
import { RowActions } from './RowActions';

/** The inputs of the form: what the person types is sent with the consent and covered by it. */
export const FieldsTab = () => {
  const t = useT();
  const { form, update, disabled } = useFormEditor();
  const fields = form.fields;
  const setFields = (next: FieldRow[]) => update('fields', next);
  const display = (f: FieldRow, i: number) => f.label.trim() || f.name.trim() || t('forms.field.numbered', 'Field {number}', { number: i + 1 });
  const reorder = useReorder(
    fields,
    (f) => f.uid,
    setFields,
    (f, position, total) => t('forms.moved', '{name}: position {position} of {total}', { name: display(f, fields.indexOf(f)), position, total })
  );
  const cell = (col: number, child: JSX.Element) => (
    <Grid.Item col={col} s={12} direction="column" alignItems="stretch">
      {child}
    </Grid.Item>
  );

  return (
    <Section
      title={t('forms.section.fields', 'Fields')}
      hint={t(
        'forms.fields.hint',
        'The inputs of your form, in order. Their names are the names of the inputs on your site; what a person types into them is personal data and is sent with the consent.'
      )}
    >
      <ListError name="fields" />
      {fields.length === 0 && <EmptyStateLayout content={t('forms.fields.empty', 'No fields yet: the form collects consents only')} />}
      {fields.map((field, i) => (
        <Box key={field.uid} padding={4} borderColor="neutral200" hasRadius background="neutral100" data-testid={`field-row-${i}`}>
          <Flex gap={2} alignItems="flex-start">
            <Typography variant="sigma" textColor="neutral600" style={{ minWidth: '2.4rem', paddingTop: '3.2rem' }}>
              {i + 1}
            </Typography>
            <Grid.Root gap={3} flex="1">
              {cell(
                3,
                <FormTextField
                  name={`fields.${i}.name`}
                  label={t('forms.field.name', 'Field name')}
                  hint={t('forms.field.name.hint', 'Letters, digits and _, e.g. contact_email')}
                  required
                />
              )}
              {cell(4, <FormTextField name={`fields.${i}.label`} label={t('forms.field.label', 'Label')} required />)}
              {cell(
                3,
                <FormSelect
                  name={`fields.${i}.type`}
                  label={t('forms.field.type', 'Type')}
                  options={FIELD_TYPES.map((type) => [type, t(`forms.field.type.${type}`, type)] as const)}
                />
              )}
              {cell(
                2,
                <Box paddingTop={7}>
                  <Checkbox
                    name={`fields.${i}.required`}
                    checked={field.required}
                    onCheckedChange={(v) => setFields(fields.map((f, j) => (j === i ? { ...f, required: v === true } : f)))}
                    disabled={disabled}
                  >
                    {t('forms.field.required', 'Required')}
                  </Checkbox>
                </Box>
              )}
            </Grid.Root>
            <Box paddingTop={6}>
              <RowActions
                id={field.uid}
                index={i}
                count={fields.length}
                name={display(field, i)}
                labels="forms.field"
                reorder={reorder}
                onRemove={() => setFields(fields.filter((_, j) => j !== i))}
                removeLabel={t('forms.field.remove', 'Remove {name}', { name: display(field, i) })}
                disabled={disabled}
              />
            </Box>
          </Flex>
        </Box>
      ))}
      {!disabled && (
        <AddButton onClick={() => setFields([...fields, { uid: newUid(), name: '', label: '', type: 'text', required: false }])}>
          {t('forms.field.add', 'Add a field')}
        </AddButton>
      )}
    </Section>
  );
};
