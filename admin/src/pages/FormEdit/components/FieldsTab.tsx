import {
  Box,
  Checkbox,
  EmptyStateLayout,
  Field,
  Flex,
  Grid,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  TextButton,
  Typography,
} from '@strapi/design-system';
import { ArrowDown, ArrowUp, Plus, Trash } from '@strapi/icons';
import { FIELD_TYPES, type FieldType } from '../../../../../shared/contracts/forms';
import { Section } from '../../../components/Section';
import { TextField } from '../../../components/TextField';
import { useT } from '../../../hooks/useT';
import { newUid, type FieldRow, type TabProps } from '../hooks/useFormEditor';
import { useReorder } from '../hooks/useReorder';

const TYPE_LABELS: Record<FieldType, string> = {
  text: 'Text',
  email: 'E-mail',
  tel: 'Phone',
  textarea: 'Long text',
};

/** The inputs of the form: what the person types is sent with the consent and covered by it. */
export const FieldsTab = ({ form, update, errors, disabled }: TabProps) => {
  const t = useT();
  const fields = form.fields;
  const setFields = (next: FieldRow[]) => update('fields', next);
  const setField = <K extends keyof FieldRow>(i: number, key: K, value: FieldRow[K]) =>
    setFields(fields.map((f, j) => (j === i ? { ...f, [key]: value } : f)));
  const display = (f: FieldRow, i: number) => f.label.trim() || f.name.trim() || t('forms.field.numbered', 'Field {number}', { number: i + 1 });
  const { register, moveBy } = useReorder(
    fields,
    (f) => f.uid,
    setFields,
    (f, position, total) => t('forms.moved', '{name}: position {position} of {total}', { name: display(f, fields.indexOf(f)), position, total })
  );

  return (
    <Section
      title={t('forms.section.fields', 'Fields')}
      hint={t(
        'forms.fields.hint',
        'The inputs of your form, in order. Their names are the names of the inputs on your site; what a person types into them is personal data and is sent with the consent.'
      )}
    >
      {errors.fields && (
        <Field.Root name="fields" error={errors.fields}>
          <Field.Error />
        </Field.Root>
      )}
      {fields.length === 0 && <EmptyStateLayout content={t('forms.fields.empty', 'No fields yet: the form collects consents only')} />}
      {fields.map((field, i) => {
        const err = (key: string) => errors[`fields.${i}.${key}`];
        const name = display(field, i);
        return (
          <Box key={field.uid} padding={4} borderColor="neutral200" hasRadius background="neutral100" data-testid={`field-row-${i}`}>
            <Flex gap={2} alignItems="flex-start">
              <Typography variant="sigma" textColor="neutral600" style={{ minWidth: '2.4rem', paddingTop: '3.2rem' }}>
                {i + 1}
              </Typography>
              <Grid.Root gap={3} flex="1">
                <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                  <TextField
                    name={`fields.${i}.name`}
                    label={t('forms.field.name', 'Field name')}
                    hint={t('forms.field.name.hint', 'Letters, digits and _, e.g. email')}
                    value={field.name}
                    onChange={(v) => setField(i, 'name', v)}
                    error={err('name')}
                    required
                    disabled={disabled}
                  />
                </Grid.Item>
                <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
                  <TextField
                    name={`fields.${i}.label`}
                    label={t('forms.field.label', 'Label')}
                    value={field.label}
                    onChange={(v) => setField(i, 'label', v)}
                    error={err('label')}
                    required
                    disabled={disabled}
                  />
                </Grid.Item>
                <Grid.Item col={3} s={12} direction="column" alignItems="stretch">
                  <Field.Root name={`fields.${i}.type`} error={err('type')} width="100%">
                    <Field.Label>{t('forms.field.type', 'Type')}</Field.Label>
                    <SingleSelect
                      value={field.type}
                      onChange={(v) => setField(i, 'type', v as FieldType)}
                      disabled={disabled}
                    >
                      {FIELD_TYPES.map((type) => (
                        <SingleSelectOption key={type} value={type}>
                          {t(`forms.field.type.${type}`, TYPE_LABELS[type])}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={2} s={12} direction="column" alignItems="stretch">
                  <Box paddingTop={7}>
                    <Checkbox
                      name={`fields.${i}.required`}
                      checked={field.required}
                      onCheckedChange={(v) => setField(i, 'required', v === true)}
                      disabled={disabled}
                    >
                      {t('forms.field.required', 'Required')}
                    </Checkbox>
                  </Box>
                </Grid.Item>
              </Grid.Root>
              {!disabled && (
                <Flex gap={1} paddingTop={6}>
                  <IconButton
                    ref={register(field.uid, 'up')}
                    label={t('forms.field.up', 'Move {name} up', { name })}
                    variant="ghost"
                    disabled={i === 0}
                    onClick={() => moveBy(i, -1)}
                  >
                    <ArrowUp />
                  </IconButton>
                  <IconButton
                    ref={register(field.uid, 'down')}
                    label={t('forms.field.down', 'Move {name} down', { name })}
                    variant="ghost"
                    disabled={i === fields.length - 1}
                    onClick={() => moveBy(i, 1)}
                  >
                    <ArrowDown />
                  </IconButton>
                  <IconButton
                    label={t('forms.field.remove', 'Remove {name}', { name })}
                    variant="ghost"
                    onClick={() => setFields(fields.filter((_, j) => j !== i))}
                  >
                    <Trash />
                  </IconButton>
                </Flex>
              )}
            </Flex>
          </Box>
        );
      })}
      {!disabled && (
        <Box>
          <TextButton
            startIcon={<Plus />}
            onClick={() => setFields([...fields, { uid: newUid(), name: '', label: '', type: 'text', required: false }])}
          >
            {t('forms.field.add', 'Add a field')}
          </TextButton>
        </Box>
      )}
    </Section>
  );
};
