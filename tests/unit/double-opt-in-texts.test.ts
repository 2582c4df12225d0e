import { confirmationPage, DEFAULT_TEMPLATES, languageOf, renderMail } from '../../server/src/double-opt-in/texts';

/** The confirmation e-mail and page of double opt-in: pure text work, no Strapi. */
describe('double opt-in texts', () => {
  const values = { agreement: 'Ads <b>&</b> news', link: 'https://cms.example/api/user-consent/confirm?lang=en#t=abc_DEF-123', expires: new Date('2026-12-04T10:30:00Z'), form: 'Newsletter' };

  it('fills the defaults of each language', () => {
    const en = renderMail(null, 'en', values);
    expect(en.subject).toBe(DEFAULT_TEMPLATES.en.subject);
    expect(en.text).toContain('Please confirm that you agree to: Ads <b>&</b> news');
    expect(en.text).toContain(values.link);
    expect(en.text).toContain('4 December 2026');
    const ru = renderMail({ subject: null, body: null }, 'ru', values);
    expect(ru.subject).toBe('Подтвердите согласие');
    expect(ru.text).toContain('4 декабря 2026');
  });

  it('uses the editor’s template, escapes the HTML part and makes the link a link', () => {
    const mail = renderMail({ subject: 'Confirm {agreement}\nnow', body: 'Hi! {form}: {agreement}\n\nClick {link}' }, 'en', values);
    // A subject stays one line.
    expect(mail.subject).toBe('Confirm Ads <b>&</b> news now');
    expect(mail.text).toBe(`Hi! Newsletter: Ads <b>&</b> news\n\nClick ${values.link}`);
    expect(mail.html).toContain('Ads &lt;b&gt;&amp;&lt;/b&gt; news');
    expect(mail.html).not.toContain('<b>&</b>');
    expect(mail.html).toContain(`<a href="${values.link}">${values.link}</a>`);
  });

  it('appends the link to a body that forgot it', () => {
    const mail = renderMail({ subject: null, body: 'Please confirm {agreement}.' }, 'en', values);
    expect(mail.text).toBe(`Please confirm Ads <b>&</b> news.\n\n${values.link}`);
  });

  it('speaks English unless Russian is asked for', () => {
    expect(languageOf('ru')).toBe('ru');
    expect(languageOf('de')).toBe('en');
    expect(languageOf(['ru'])).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });

  it('builds a page whose only script carries the nonce, and keeps the strings out of the markup’s way', () => {
    const page = confirmationPage('en', '/api/user-consent', 'n0nce');
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toContain('<script nonce="n0nce">');
    expect(page).toContain('<html lang="en">');
    expect(page).not.toMatch(/<\/script>[\s\S]*<\/script>/);
    expect(confirmationPage('ru', '/api/user-consent', 'x')).toContain('Подтвердить');
  });
});
