/**
 * Double opt-in: the confirmation e-mail's default texts (English and Russian), its placeholders, and
 * the confirmation page. Pure: no Strapi.
 */
import { DOI_LANGUAGES, type DoiLanguage } from '../../../shared/contracts/constants';
import type { DoubleOptInTemplate } from '../../../shared/contracts/forms';

/** `ru` or `en` (anything else, a repeated query parameter included, is English). */
export const languageOf = (value: unknown): DoiLanguage => (typeof value === 'string' && (DOI_LANGUAGES as readonly string[]).includes(value) ? (value as DoiLanguage) : 'en');

export const DEFAULT_TEMPLATES: Record<DoiLanguage, { subject: string; body: string }> = {
  en: {
    subject: 'Please confirm your consent',
    body: [
      'Hello,',
      '',
      'Please confirm that you agree to: {agreement}',
      '',
      'Open this link and press "Confirm":',
      '{link}',
      '',
      'The link works until {expires}. If you did not ask for this, ignore this message: nothing will count as your consent.',
    ].join('\n'),
  },
  ru: {
    subject: 'Подтвердите согласие',
    body: [
      'Здравствуйте!',
      '',
      'Подтвердите, пожалуйста, согласие: {agreement}',
      '',
      'Откройте ссылку и нажмите «Подтвердить»:',
      '{link}',
      '',
      'Ссылка действует до {expires}. Если вы ничего не заполняли, просто не обращайте внимания на это письмо: согласие не будет считаться данным.',
    ].join('\n'),
  },
};

export interface MailValues {
  agreement: string;
  link: string;
  expires: Date;
  form: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const formatTime = (d: Date, language: DoiLanguage) =>
  `${new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(d)} UTC`;

/**
 * The e-mail of one language: the editor's subject and body (or the defaults) with the placeholders
 * filled; the HTML part escapes everything and makes the link a link. A body without `{link}` gets the
 * link appended, so that no template can send a mail that cannot be confirmed.
 */
export const renderMail = (template: DoubleOptInTemplate | null, language: DoiLanguage, values: MailValues) => {
  const defaults = DEFAULT_TEMPLATES[language];
  const subjectTemplate = template?.subject || defaults.subject;
  let body = template?.body || defaults.body;
  if (!body.includes('{link}')) body += '\n\n{link}';
  const plain: Record<string, string> = { agreement: values.agreement, link: values.link, expires: formatTime(values.expires, language), form: values.form };
  const fill = (s: string, map: Record<string, string>) => s.replace(/\{(agreement|link|expires|form)\}/g, (_m, k: string) => map[k]);
  const subject = fill(subjectTemplate, plain).replace(/[\r\n]+/g, ' ').slice(0, 300);
  const text = fill(body, plain);
  const linkHtml = `<a href="${escapeHtml(values.link)}">${escapeHtml(values.link)}</a>`;
  const html = `<!doctype html><html lang="${language}"><body><p>${body
    .split(/\{(agreement|link|expires|form)\}/)
    .map((part, i) => (i % 2 === 1 ? (part === 'link' ? linkHtml : escapeHtml(plain[part])) : escapeHtml(part)))
    .join('')
    .replace(/\n\n/g, '</p><p>')
    .replace(/\n/g, '<br>')}</p></body></html>`;
  return { subject, text, html };
};

const PAGE: Record<DoiLanguage, Record<string, string>> = {
  en: {
    title: 'Confirm your consent',
    loading: 'Checking the link…',
    intro: 'You are about to confirm your consent to:',
    confirm: 'Confirm',
    done: 'Thank you: your consent is confirmed.',
    expired: 'This link has expired. Submit the form again to get a new one.',
    used: 'This link was already used: your consent is confirmed.',
    unknown: 'This link is not valid. Please use the link from the latest e-mail.',
    failed: 'Something went wrong. Please try again later.',
    noscript: 'This page needs JavaScript to confirm your consent: it keeps the link’s secret out of server logs.',
  },
  ru: {
    title: 'Подтверждение согласия',
    loading: 'Проверяем ссылку…',
    intro: 'Вы подтверждаете согласие:',
    confirm: 'Подтвердить',
    done: 'Спасибо! Ваше согласие подтверждено.',
    expired: 'Срок действия ссылки истёк. Отправьте форму ещё раз, чтобы получить новую.',
    used: 'Эта ссылка уже использована: согласие подтверждено.',
    unknown: 'Ссылка недействительна. Воспользуйтесь ссылкой из последнего письма.',
    failed: 'Что-то пошло не так. Попробуйте позже.',
    noscript: 'Для подтверждения нужен JavaScript: так секрет ссылки не попадает в журналы сервера.',
  },
};

/**
 * The page a confirmation link opens. It records nothing: its script reads the token from the URL
 * fragment, asks what it would confirm (a POST), and confirms only when the person presses the button
 * (another POST). `nonce`: the one inline script the page's Content-Security-Policy allows.
 */
export const confirmationPage = (language: DoiLanguage, apiBase: string, nonce: string) => {
  const t = PAGE[language];
  const strings = JSON.stringify(t).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(t.title)}</title>
<style>
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:2rem 1rem;color:#1f1f29;background:#f6f6f9}
main{max-width:36rem;margin:0 auto;background:#fff;border-radius:8px;padding:1.5rem 2rem;box-shadow:0 1px 4px rgba(33,33,52,.1)}
h1{font-size:1.5rem;margin-top:0}
button{font:inherit;font-weight:600;padding:.6rem 1.4rem;border:0;border-radius:4px;background:#4945ff;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #7b79ff;outline-offset:2px}
button[disabled]{opacity:.6;cursor:default}
[role=alert]{color:#b72b1a}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(t.title)}</h1>
<div id="status" role="status" aria-live="polite">${escapeHtml(t.loading)}</div>
<div id="ask" hidden><p>${escapeHtml(t.intro)}</p><ul id="agreements"></ul><button type="button" id="confirm">${escapeHtml(t.confirm)}</button></div>
<noscript><p>${escapeHtml(t.noscript)}</p></noscript>
</main>
<script nonce="${nonce}">
(function(){
var t=${strings},api=${JSON.stringify(apiBase)};
var token=(new URLSearchParams(location.hash.slice(1))).get('t')||'';
// The secret leaves the address bar, so that it is not bookmarked or shared by accident.
if(history.replaceState)history.replaceState(null,'',location.pathname+location.search);
var status=document.getElementById('status'),ask=document.getElementById('ask'),btn=document.getElementById('confirm');
function say(text,alert){status.textContent=text;status.setAttribute('role',alert?'alert':'status');}
function refusal(body){var e=(body&&body.error)||{},c=e.details&&e.details.code;return c==='confirmation-expired'?t.expired:c==='confirmation-used'?t.used:e.status===404||e.name==='ValidationError'?t.unknown:t.failed;}
function post(path){return fetch(api+path,{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify({token:token}),credentials:'omit'}).then(function(r){return r.json().then(function(b){return{ok:r.ok,body:b};});});}
if(!token){say(t.unknown,true);return;}
post('/confirmations/check').then(function(r){
if(!r.ok){say(refusal(r.body),true);return;}
var list=document.getElementById('agreements');
r.body.data.agreements.forEach(function(a){var li=document.createElement('li');li.textContent=a;list.appendChild(li);});
say('');ask.hidden=false;btn.focus();
},function(){say(t.failed,true);});
btn.addEventListener('click',function(){
btn.disabled=true;
post('/confirmations').then(function(r){
if(!r.ok){ask.hidden=true;say(refusal(r.body),true);return;}
ask.hidden=true;say(t.done);
var to=r.body.data.redirectUrl;if(to)setTimeout(function(){location.assign(to);},1500);
},function(){btn.disabled=false;say(t.failed,true);});
});
})();
</script>
</body>
</html>`;
};
