/**
 * The playground's mail path: Strapi's email plugin with the nodemailer provider sends over SMTP to
 * the playground's own catcher, which keeps each message for the tests and the demo (/demo/mail).
 */
import { withHarness, type Harness } from '../helpers/strapi';

describe('mail path of the playground', () => {
  let h: Harness;
  withHarness((harness) => {
    h = harness;
  });

  it('delivers what the email plugin sends to the local catcher, readable by the tests and at /demo/mail', async () => {
    expect(await h.mail()).toEqual([]);
    await h.strapi.plugin('email').service('email').send({ to: 'anna@example.com', subject: 'Проверка связи', text: 'Здравствуйте, Анна', html: '<p>Здравствуйте, <b>Анна</b></p>' });
    const [message] = await h.mail();
    expect(message).toMatchObject({ to: 'anna@example.com', subject: 'Проверка связи', text: expect.stringContaining('Здравствуйте, Анна') });
    expect(message.from).toContain('consents@playground.example');
    const list = await h.http().get('/demo/mail?format=json');
    expect(list.status).toBe(200);
    expect(list.body.data.map((m: { file: string }) => m.file)).toEqual([message.file]);
    const page = await h.http().get(`/demo/mail/${encodeURIComponent(message.file)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<b>Анна</b>');
    expect((await h.http().get('/demo/mail/nothing.eml')).status).toBe(404);
  });
});
