import type { Context } from 'koa';
import type { idParams } from '../../../shared/contracts/common';
import { parse, type z } from '../validation/common';

type IdParams = typeof idParams;

/** The contracts (shared/contracts namespaces) of a resource's list, read, create, update and delete endpoints. */
export interface CrudContracts<Q extends z.ZodType, C extends z.ZodType, U extends z.ZodType> {
  list: { query: Q };
  get: { params: IdParams };
  create: { body: C };
  update: { params: IdParams; body: U };
  delete: { params: IdParams };
}

/** The service methods the CRUD endpoints call, one each. */
export interface CrudService<Q, C, U> {
  find(query: Q): Promise<unknown>;
  findOne(id: number): Promise<unknown>;
  create(body: C): Promise<unknown>;
  update(id: number, body: U): Promise<unknown>;
  delete(id: number): Promise<unknown>;
}

/**
 * `find`, `findOne`, `create` (201), `update` and `delete` of one resource: each parses its request with
 * the contract, calls the service method of the same name and answers with what it returns. `service` is
 * looked up on every request, as Strapi's own controllers do.
 */
export const crudMethods = <Q extends z.ZodType, C extends z.ZodType, U extends z.ZodType>(
  service: () => CrudService<z.output<Q>, z.output<C>, z.output<U>>,
  contracts: CrudContracts<Q, C, U>,
) => ({
  async find(ctx: Context) {
    ctx.body = await service().find(parse(contracts.list.query, ctx.query));
  },

  async findOne(ctx: Context) {
    ctx.body = await service().findOne(parse(contracts.get.params, ctx.params).id);
  },

  async create(ctx: Context) {
    const body = parse(contracts.create.body, ctx.request.body);
    ctx.status = 201;
    ctx.body = await service().create(body);
  },

  async update(ctx: Context) {
    const { id } = parse(contracts.update.params, ctx.params);
    ctx.body = await service().update(id, parse(contracts.update.body, ctx.request.body));
  },

  async delete(ctx: Context) {
    ctx.body = await service().delete(parse(contracts.delete.params, ctx.params).id);
  },
});
