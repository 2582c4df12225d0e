import type { Core } from '@strapi/strapi';

const register = ({ strapi: _strapi }: { strapi: Core.Strapi }) => {
  // Document-service middlewares and database guards are registered here as the features land.
};

export default register;
