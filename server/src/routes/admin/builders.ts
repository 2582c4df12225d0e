import { requires, type ActionKey } from '../../permissions';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One admin route: a role reaches `handler` only while it holds every one of `actions`. */
export const route = (method: Method, path: string, handler: string, ...actions: [ActionKey, ...ActionKey[]]) => ({
  method,
  path,
  handler,
  config: { policies: requires(...actions) },
});

/**
 * The five CRUD routes of a resource whose controller uses `crudMethods`: list and read need `read`,
 * create, update and delete need `manage`.
 */
export const crudRoutes = (path: string, controller: string, read: ActionKey, manage: ActionKey) => [
  route('GET', path, `${controller}.find`, read),
  route('GET', `${path}/:id`, `${controller}.findOne`, read),
  route('POST', path, `${controller}.create`, manage),
  route('PUT', `${path}/:id`, `${controller}.update`, manage),
  route('DELETE', `${path}/:id`, `${controller}.delete`, manage),
];
