import { Box, Field, Flex, IconButton, TextInput, Typography } from '@strapi/design-system';
import { Trash } from '@strapi/icons';
import { AddButton } from './AddButton';
import { useT } from '../hooks/useT';

interface Props {
  name: string;
  label: string;
  hint?: string;
  addLabel: string;
  values: string[];
  onChange: (values: string[]) => void;
  /** Error of each row, already mapped to the row. */
  errors?: (string | undefined)[];
  disabled?: boolean;
  placeholder?: string;
}

/** A free list of short texts with add and remove buttons. */
export const StringListField = ({ name, label, hint, addLabel, values, onChange, errors = [], disabled, placeholder }: Props) => {
  const t = useT();
  const set = (i: number, v: string) => onChange(values.map((old, j) => (j === i ? v : old)));
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="pi" fontWeight="bold" textColor="neutral800">
        {label}
      </Typography>
      {values.map((value, i) => (
        <Flex key={i} gap={2} alignItems="flex-start">
          <Box flex="1">
            <Field.Root name={`${name}.${i}`} error={errors[i]} width="100%">
              <TextInput
                aria-label={`${label} ${i + 1}`}
                value={value}
                onChange={(e) => set(i, e.target.value)}
                disabled={disabled}
                placeholder={placeholder}
              />
              <Field.Error />
            </Field.Root>
          </Box>
          {!disabled && (
            <IconButton label={t('actions.remove', 'Remove')} variant="ghost" onClick={() => onChange(values.filter((_, j) => j !== i))}>
              <Trash />
            </IconButton>
          )}
        </Flex>
      ))}
      {hint && (
        <Typography variant="pi" textColor="neutral600">
          {hint}
        </Typography>
      )}
      {!disabled && <AddButton onClick={() => onChange([...values, ''])}>{addLabel}</AddButton>}
    </Flex>
  );
};
