import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { sha256 } from '../utils/hash';
import type { ExportRequestOptions, LogFilter } from '../validation/log';

export const TICKET_TABLE = 'uc_export_tickets';
/** How long a download link stays valid (it is also good for one download only). */
export const TICKET_TTL_MS = 60_000;

export interface Ticket {
  adminId: number | null;
  adminEmail: string | null;
  personal: boolean;
  filter: LogFilter;
  /** How the file is written (format, delimiter, language, time zone, typed data). */
  options: ExportRequestOptions;
}

const hashOf = (ticket: string) => sha256(`export-ticket:${ticket}`);

/**
 * One-time download links for exports (CSV or XLSX). The admin panel asks for one with its usual authenticated
 * request, then lets the browser download the file from the link, so that a large export streams
 * straight to disk instead of being held in the page's memory. Tickets live in the app's database
 * (any Strapi process can redeem them); only a hash of each is stored; each works once, for a minute.
 */
const exportTicket = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  return {
    async ensureTable() {
      const k = knex();
      if (await k.schema.hasTable(TICKET_TABLE)) {
        // Tables made before exports had options: tickets live a minute, so adding the column is enough.
        if (!(await k.schema.hasColumn(TICKET_TABLE, 'options'))) {
          try {
            await k.schema.alterTable(TICKET_TABLE, (t) => t.text('options'));
          } catch (e) {
            if (!(await k.schema.hasColumn(TICKET_TABLE, 'options'))) throw e;
          }
        }
        return;
      }
      try {
        await k.schema.createTable(TICKET_TABLE, (t) => {
          t.increments('id');
          t.string('token_hash', 64).notNullable().unique();
          t.integer('admin_id');
          t.string('admin_email', 255);
          t.boolean('personal').notNullable();
          t.text('filter').notNullable();
          t.text('options');
          t.bigInteger('expires_at').notNullable();
        });
      } catch (e) {
        // Another process created it meanwhile.
        if (!(await k.schema.hasTable(TICKET_TABLE))) throw e;
      }
    },

    async issue(ticket: Ticket) {
      const k = knex();
      const now = Date.now();
      await k(TICKET_TABLE).where('expires_at', '<', now).del();
      const token = crypto.randomBytes(32).toString('base64url');
      const expiresAt = now + TICKET_TTL_MS;
      await k(TICKET_TABLE).insert({
        token_hash: hashOf(token),
        admin_id: ticket.adminId,
        admin_email: ticket.adminEmail,
        personal: ticket.personal,
        filter: JSON.stringify(ticket.filter),
        options: JSON.stringify(ticket.options),
        expires_at: expiresAt,
      });
      return { ticket: token, expiresAt: new Date(expiresAt).toISOString() };
    },

    /** The ticket's export, once: the row is deleted by whoever redeems it first. Null if unknown or expired. */
    async redeem(token: string): Promise<Ticket | null> {
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
      const k = knex();
      const row = await k(TICKET_TABLE).where({ token_hash: hashOf(token) }).first();
      if (!row) return null;
      const deleted = await k(TICKET_TABLE).where({ id: row.id }).del();
      if (deleted !== 1 || Number(row.expires_at) < Date.now()) return null;
      return {
        adminId: row.admin_id ?? null,
        adminEmail: row.admin_email ?? null,
        personal: Boolean(row.personal),
        filter: JSON.parse(row.filter),
        options: row.options ? JSON.parse(row.options) : {},
      };
    },
  };
};

export default exportTicket;
