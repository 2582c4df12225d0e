// The admin panel offers English (always) and Russian.
export default {
  config: {
    locales: ['ru'],
  },
  bootstrap() {},
};
