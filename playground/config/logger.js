'use strict';

const { winston, formats } = require('@strapi/logger');

// LOG_LEVEL lets the tests keep Strapi quiet; the default is Strapi's own (http: one line per request).
module.exports = ({ env }) => {
  const level = env('LOG_LEVEL', 'http');
  return {
    transports: [
      new winston.transports.Console({
        level,
        format: winston.format.combine(
          formats.levelFilter(level),
          formats.prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })
        ),
      }),
    ],
  };
};
