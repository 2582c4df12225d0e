import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../pluginId';
import type services from '../services';

type Services = typeof services;
export type ServiceName = keyof Services;
export type ServiceOf<N extends ServiceName> = ReturnType<Services[N]>;

/** Typed access to the plugin's services. */
export const getService = <N extends ServiceName>(name: N, strapi: Core.Strapi = global.strapi): ServiceOf<N> =>
  strapi.plugin(PLUGIN_ID).service(name) as ServiceOf<N>;
