import type { CSSProperties, ReactNode } from 'react';
import { Field, TextInput, Textarea } from '@strapi/design-system';

interface TextFieldProps {
  name: string;
  label: string;
  value: string | null | undefined;
  onChange: (value: string) => void;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  multiline?: boolean;
  type?: string;
  style?: CSSProperties;
}

/** A labelled text input whose error (from the server) shows under it. */
export const TextField = ({ name, label, value, onChange, error, hint, required, disabled, placeholder, multiline, type, style }: TextFieldProps) => (
  <Field.Root name={name} error={error} hint={hint} required={required} width="100%">
    <Field.Label>{label}</Field.Label>
    {multiline ? (
      <Textarea value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={disabled} placeholder={placeholder} style={style} />
    ) : (
      <TextInput type={type} value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={disabled} placeholder={placeholder} style={style} />
    )}
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
