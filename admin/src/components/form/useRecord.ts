import { useParams } from 'react-router-dom';
import type { RecordHooks } from '../../api/client';

/**
 * The record of an edit page (`:id`, or `new`): its query (skipped for a new one), and saving and
 * deleting it through the collection's mutations, which invalidate what they change.
 */
export const useRecord = <One, Input, Saved>(hooks: RecordHooks<One, Input, Saved>) => {
  const { id = 'new' } = useParams<{ id: string }>();
  const isNew = id === 'new';
  const query = hooks.one(id, { skip: isNew });
  const [create] = hooks.create();
  const [update] = hooks.update();
  const [remove] = hooks.remove();
  return {
    id,
    isNew,
    data: isNew ? undefined : query.data,
    error: query.error,
    /** Creates the record, or updates it with `changes` (the whole body when not given). */
    save: (body: Input, changes?: Partial<Input>) => (isNew ? create(body) : update({ id, body: changes ?? body })).unwrap(),
    remove: () => remove(id).unwrap(),
  };
};
