/**
 * The person's pages and mails (pure renderers): the language chosen, the texts complete in both
 * languages, nothing external in a page, and no text able to close the inline script.
 */
import { myConsentsPage, pageCsp, pageLang, pageTexts, receiptPage } from '../../server/src/self-service/pages';
import { myConsentsMail, receiptMail } from '../../server/src/self-service/mail';

describe('self-service pages', () => {
  it.each([
    [undefined, 'ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    [undefined, 'de-DE,en;q=0.5,ru;q=0.3', 'en'],
    [undefined, 'fr', 'en'],
    [undefined, undefined, 'en'],
    ['en', 'ru', 'en'],
    ['ru', 'en-GB', 'ru'],
  ] as const)('picks the language from ?lang=%s and Accept-Language %s: %s', (query, header, lang) => {
    expect(pageLang(query, header)).toBe(lang);
  });

  it('has every text in both languages', () => {
    const en = pageTexts('en');
    const ru = pageTexts('ru');
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    expect(Object.keys(ru.states).sort()).toEqual(Object.keys(en.states).sort());
    for (const [k, v] of Object.entries(ru)) if (typeof v === 'string') expect([k, v]).not.toEqual([k, (en as Record<string, unknown>)[k]]);
  });

  it.each(['en', 'ru'] as const)('renders self-contained pages in %s, the script allowed by its nonce only', (lang) => {
    for (const html of [receiptPage(lang, 'N0nce'), myConsentsPage(lang, 'N0nce')]) {
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).not.toMatch(/(src|href)=["']?https?:/);
      expect(html.match(/<script nonce="N0nce">/g)).toHaveLength(1);
      expect(html.match(/<script/g)).toHaveLength(2); // the texts (JSON, not run) and the script
      // The texts' JSON cannot end its element early.
      const json = /<script type="application\/json" id="uc-t">([\s\S]*?)<\/script>/.exec(html)![1];
      expect(JSON.parse(json).lang).toBe(lang);
    }
    expect(pageCsp('N0nce')).toBe("default-src 'none'; script-src 'nonce-N0nce'; style-src 'nonce-N0nce'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  });

  it('escapes what it puts into a mail’s HTML and keeps the link whole in its text', () => {
    const link = 'https://cms.example/api/user-consent/pages/receipt?lang=en#r=a.b&r=c.d';
    const m = receiptMail('en', 'Contact <us> & "more"', link);
    expect(m.subject).toBe('Your consent receipt');
    expect(m.text).toContain(`\n${link}\n`);
    expect(m.text).toContain('"Contact <us> & "more""');
    expect(m.html).toContain('Contact &#60;us&#62; &#38; &#34;more&#34;');
    expect(m.html).toContain('href="https://cms.example/api/user-consent/pages/receipt?lang=en#r=a.b&#38;r=c.d"');
    expect(receiptMail('ru', 'Обратная связь', link).text).toContain('«Обратная связь»');
    expect(myConsentsMail('ru', link, 30).text).toContain('действует 30 минут');
    expect(myConsentsMail('en', link, 30).subject).toBe('Your link to My consents');
  });
});
