'use strict';

module.exports = {
  async accept(ctx) {
    ctx.status = 201;
    ctx.body = { data: { ok: true } };
  },
};
