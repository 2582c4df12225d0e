import { StringListField } from '../StringListField';
import { sentIndexes } from '../../utils/formErrors';
import { useEditForm } from './useEditForm';

interface Props {
  /** The list's path in the form's values, and in the server's errors. */
  name: string;
  label: string;
  hint?: string;
  addLabel: string;
  placeholder?: string;
}

/**
 * A free list of short texts bound to the edit page's form. Blank rows are not sent, so the server's
 * error for sent row N ("allowedOrigins.1") is shown on the row it came from.
 */
export const FormStringList = ({ name, ...rest }: Props) => {
  const { form, update, errors, disabled } = useEditForm<Record<string, string[]>>();
  const values = form[name] ?? [];
  const sent = sentIndexes(values.map((v) => !v.trim()));
  return (
    <StringListField
      name={name}
      {...rest}
      values={values}
      onChange={(v) => update(name, v)}
      errors={values.map((_, i) => (sent[i] >= 0 ? errors[`${name}.${sent[i]}`] : undefined))}
      disabled={disabled}
    />
  );
};
