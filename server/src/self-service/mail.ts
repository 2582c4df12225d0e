/**
 * The mails the person receives: the receipt link after a submission, and the link to "My consents".
 * Plain text and a simple HTML part, in English or Russian.
 */
import type { SelfLang } from '../../../shared/contracts/self-service';

export interface Mail {
  subject: string;
  text: string;
  html: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const build = (subject: string, lines: string[], link: string, linkText: string, after: string[]): Mail => ({
  subject,
  text: [...lines, '', link, '', ...after].join('\n'),
  html: `${lines.map((l) => `<p>${esc(l)}</p>`).join('')}<p><a href="${esc(link)}">${esc(linkText)}</a></p>${after.map((l) => `<p>${esc(l)}</p>`).join('')}`,
});

export const receiptMail = (lang: SelfLang, formName: string, link: string): Mail =>
  lang === 'ru'
    ? build(
        'Квитанция о вашем согласии',
        [`Вы отправили форму «${formName}». Квитанция о ваших решениях по согласиям: что вы приняли, редакция текста, время.`],
        link,
        'Открыть квитанцию',
        ['По этой ссылке вы можете в любой момент отозвать согласие одной кнопкой. Не пересылайте это письмо: ссылка даёт доступ к квитанции.']
      )
    : build(
        'Your consent receipt',
        [`You sent the form "${formName}". Here is the receipt of your consent decisions: what you agreed to, the text version and the time.`],
        link,
        'Open the receipt',
        ['With this link you can withdraw your consent at any time with one click. Do not forward this e-mail: the link opens your receipt.']
      );

export const myConsentsMail = (lang: SelfLang, link: string, minutes: number): Mail =>
  lang === 'ru'
    ? build(
        'Ссылка на ваши согласия',
        ['Вы запросили ссылку на страницу «Мои согласия». На ней видны все согласия, записанные для этого адреса, и любое действующее можно отозвать.'],
        link,
        'Открыть «Мои согласия»',
        [`Ссылка одноразовая и действует ${minutes} минут. Если вы её не запрашивали, просто удалите письмо.`]
      )
    : build(
        'Your link to My consents',
        ['You asked for a link to your "My consents" page. It lists every consent recorded for this address, and you can withdraw any that is in force.'],
        link,
        'Open My consents',
        [`The link works once and for ${minutes} minutes. If you did not ask for it, just delete this e-mail.`]
      );
