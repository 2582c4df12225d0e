import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Flex } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { BackButton, Blocker, Form, Layouts, Page, useForm, useNotification, type FormHelpers } from '@strapi/strapi/admin';
import { useErrorMessage, useFieldErrors } from '../../hooks/useErrorMessage';
import { useT } from '../../hooks/useT';
import { nestErrors, type FlatErrors } from '../../utils/formErrors';
import { DeleteAction } from '../DeleteAction';
import { LiveCheck } from './LiveCheck';

/** Thrown by an `onSave` the user called off (e.g. a warning answered with Cancel): nothing to say. */
export const SAVE_CANCELLED = Symbol('save cancelled');

/** What a save hands back: where the record now lives, its values as stored, and what to tell the user. */
export interface Saved<V> {
  id: number | string;
  values: V;
  message?: string;
}

interface Props<V extends object> {
  isNew: boolean;
  /** The list page: the back button's fallback, and where a deleted record leaves to. */
  list: string;
  /** The record's query (skipped for a new record): its error shows the error page. */
  loadError?: unknown;
  /** The values to edit; undefined while the record loads. */
  initialValues: V | undefined;
  canManage: boolean;
  title: string;
  subtitle?: ReactNode;
  /** More header buttons, shown before Delete and Save (e.g. a link to the record's consents). */
  actions?: ReactNode;
  /** The question asked before deleting; without it (or for a new record) there is no Delete. */
  deleteMessage?: string;
  onRemove?: () => Promise<unknown>;
  /** The panel's own checks, by field path: shown as the user types, and when any fails on Save, nothing is sent. */
  validate?: (values: V) => FlatErrors;
  /**
   * The server's own checks run in the panel (the contract schemas), shown as the user types; Save
   * still sends, and the server's answer (the same texts, by code) replaces them next to the fields.
   */
  check?: (values: V) => FlatErrors;
  /** Sends the values (a mutation's `unwrap()`); a ValidationError's fields show under the fields. */
  onSave: (values: V) => Promise<Saved<V>>;
  children: ReactNode;
}

/**
 * The skeleton of every edit page (company, agreement, form): loading and error states, a Strapi
 * Form holding the values, Save (the server's field errors shown next to their fields), Delete
 * after a confirmation, and the admin's unsaved-changes guard on leaving.
 */
export const EditPage = <V extends object>(props: Props<V>) => {
  const { isNew, list, loadError, initialValues, canManage, title } = props;
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const errorMessage = useErrorMessage();
  const fieldErrors = useFieldErrors();
  // Leaving after a save or a delete: the guard is taken down first, then the page navigates.
  const [leave, setLeave] = useState<{ to: string; replace: boolean } | null>(null);
  useEffect(() => {
    if (leave) navigate(leave.to, { replace: leave.replace });
  }, [leave, navigate]);

  if (!isNew && loadError) return <Page.Error />;
  if (!initialValues) return <Page.Loading />;

  const failed = (e: unknown) => toggleNotification({ type: 'danger', message: errorMessage(e) });

  const submit = async (values: V, helpers: FormHelpers<V>) => {
    const problems = props.validate?.(values) ?? {};
    if (Object.keys(problems).length) {
      helpers.setErrors(nestErrors(problems) as never);
      return;
    }
    try {
      const saved = await props.onSave(values);
      helpers.resetForm(saved.values);
      toggleNotification({ type: 'success', message: saved.message ?? t('notification.saved', 'Saved') });
      if (isNew) setLeave({ to: `${list}/${saved.id}`, replace: true });
    } catch (e) {
      if (e === SAVE_CANCELLED) return;
      helpers.setErrors(nestErrors(fieldErrors(e)) as never);
      failed(e);
    }
  };

  const remove = async () => {
    try {
      await props.onRemove?.();
      toggleNotification({ type: 'success', message: t('notification.deleted', 'Deleted') });
      setLeave({ to: list, replace: false });
    } catch (e) {
      // A record still in use is refused with the server's own explanation.
      failed(e);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Form method={isNew ? 'POST' : 'PUT'} initialValues={initialValues} onSubmit={submit} disabled={!canManage}>
        <Layouts.Header
          navigationAction={<BackButton fallback={list} />}
          title={title}
          subtitle={props.subtitle}
          primaryAction={
            props.actions || canManage ? (
              <Flex gap={2}>
                {props.actions}
                {canManage && !isNew && props.deleteMessage && props.onRemove && <DeleteAction onConfirm={remove} message={props.deleteMessage} />}
                {canManage && <SaveButton />}
              </Flex>
            ) : undefined
          }
        />
        <Layouts.Content>{props.children}</Layouts.Content>
        {canManage && (props.validate || props.check) && (
          <LiveCheck validate={(values: V) => ({ ...props.check?.(values), ...props.validate?.(values) })} />
        )}
        {!leave && <Blocker />}
      </Form>
    </Page.Main>
  );
};

const SaveButton = () => {
  const t = useT();
  const isSubmitting = useForm('SaveButton', (s) => s.isSubmitting);
  return (
    <Button type="submit" startIcon={<Check />} loading={isSubmitting}>
      {t('actions.save', 'Save')}
    </Button>
  );
};
