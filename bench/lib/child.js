'use strict';

// What the runner's child processes (bench/app.js, bench/bare.js) share with each other and with the
// runner: the knex configuration of the database given in DATABASE_* variables, and stopping.

/**
 * The knex configuration for the database of these DATABASE_* variables (the variables the runner
 * hands to its children, as Strapi reads them): the same client and pool size as the app's.
 */
const knexConfigOf = (env) =>
  (env.DATABASE_CLIENT || 'sqlite') === 'sqlite'
    ? { client: 'better-sqlite3', connection: { filename: env.DATABASE_FILENAME }, useNullAsDefault: true }
    : {
        client: 'pg',
        connection: {
          host: env.DATABASE_HOST,
          port: Number(env.DATABASE_PORT),
          user: env.DATABASE_USERNAME,
          password: env.DATABASE_PASSWORD,
          database: env.DATABASE_NAME,
        },
        pool: { min: 0, max: 10 },
      };

/**
 * Runs `stop` once and exits, on SIGTERM or SIGINT, or when the runner disappears without stopping
 * this process (its IPC channel closes): a child never outlives the runner.
 */
const exitOnStop = (stop) => {
  let stopping = false;
  const once = async () => {
    if (stopping) return;
    stopping = true;
    await stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', once);
  process.on('SIGINT', once);
  process.on('disconnect', once);
};

module.exports = { knexConfigOf, exitOnStop };
