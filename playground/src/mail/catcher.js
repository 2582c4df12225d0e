'use strict';

/**
 * A local SMTP catcher for the demo and the tests: whatever the app sends through the nodemailer
 * provider (config/plugins.js) arrives here and is kept as one `.eml` file per message, never sent
 * on. Only for this playground; a real app configures a real provider.
 */
const fs = require('fs');
const path = require('path');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const startMailCatcher = ({ port, dir, host = '127.0.0.1' }) =>
  new Promise((resolve, reject) => {
    fs.mkdirSync(dir, { recursive: true });
    let counter = 0;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, _session, done) {
        const chunks = [];
        stream.on('data', (c) => chunks.push(c));
        stream.on('end', () => {
          counter += 1;
          const name = `${Date.now()}-${process.pid}-${String(counter).padStart(5, '0')}.eml`;
          fs.writeFile(path.join(dir, name), Buffer.concat(chunks), (e) => done(e || null));
        });
        stream.on('error', done);
      },
    });
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      server.on('error', () => {});
      resolve({ port: server.server.address().port, dir, close: () => new Promise((r) => server.close(r)) });
    });
  });

/** The messages kept in `dir`, oldest first, parsed. */
const readMail = async (dir) => {
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(fs.readFileSync(path.join(dir, file)));
      return {
        file,
        from: parsed.from?.text ?? '',
        to: parsed.to ? [].concat(parsed.to).map((a) => a.text).join(', ') : '',
        subject: parsed.subject ?? '',
        date: parsed.date ? parsed.date.toISOString() : null,
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
      };
    })
  );
};

module.exports = { startMailCatcher, readMail };
