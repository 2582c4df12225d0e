/**
 * The person's pages, served by the plugin: the receipt page and "My consents". Each is one HTML
 * document with its styles and script inline (no external assets), allowed by a nonce. The secrets
 * (receipt tokens, the mailed link's token) live in the URL fragment, which browsers never send to a
 * server; the script reads it, removes it from the address bar and sends it in request bodies.
 */
import type { SelfLang } from '../../../shared/contracts/self-service';

const TEXTS = {
  en: {
    receiptTitle: 'Your consent receipt',
    meTitle: 'My consents',
    loading: 'Loading…',
    noReceipt: 'This link holds no receipt. Open the link exactly as you received it.',
    notFound: 'This receipt was not found, or the link is incomplete.',
    failed: 'Something went wrong. Please try again.',
    form: 'Form',
    version: 'Text version',
    versionN: 'version {n}: read the text',
    time: 'Given on',
    timeRefused: 'Decided on',
    state: 'State',
    withdrawnAt: 'Withdrawn on',
    endedAt: 'Ended on',
    receiptNo: 'Receipt number',
    withdraw: 'Withdraw this consent',
    withdrawing: 'Withdrawing…',
    withdrawn: 'Your consent is withdrawn. A record of the withdrawal has been made.',
    already: 'This consent was already withdrawn.',
    linkMissing: 'Open this page with the link from your e-mail.',
    linkInvalid: 'This link is no longer valid (it is used once and expires after 30 minutes). Ask for a new one below.',
    sessionOver: 'Your session has ended. Ask for a new link below.',
    empty: 'There are no consents for this address.',
    emailLabel: 'Your e-mail',
    send: 'Send me a link',
    sent: 'If consents are recorded for this address, a link has been sent to it. It is valid for 30 minutes.',
    intro: 'The consents recorded for your verified e-mail address. You can withdraw any consent that is in force.',
    states: { given: 'given', refused: 'refused', withdrawn: 'withdrawn', expired: 'expired', outdated: 'given (the text has changed since)', erased: 'personal data erased', pending: 'waiting for the e-mail confirmation' } as Record<string, string>,
  },
  ru: {
    receiptTitle: 'Квитанция о вашем согласии',
    meTitle: 'Мои согласия',
    loading: 'Загрузка…',
    noReceipt: 'В ссылке нет квитанции. Откройте ссылку в точности такой, какой вы её получили.',
    notFound: 'Квитанция не найдена или ссылка неполная.',
    failed: 'Что-то пошло не так. Попробуйте ещё раз.',
    form: 'Форма',
    version: 'Редакция текста',
    versionN: 'редакция {n}: прочитать текст',
    time: 'Дано',
    timeRefused: 'Решение принято',
    state: 'Состояние',
    withdrawnAt: 'Отозвано',
    endedAt: 'Прекращено',
    receiptNo: 'Номер квитанции',
    withdraw: 'Отозвать это согласие',
    withdrawing: 'Отзываем…',
    withdrawn: 'Ваше согласие отозвано. Отзыв записан.',
    already: 'Это согласие уже было отозвано.',
    linkMissing: 'Откройте эту страницу по ссылке из письма.',
    linkInvalid: 'Ссылка больше не действует (она одноразовая и действует 30 минут). Запросите новую ниже.',
    sessionOver: 'Сеанс завершён. Запросите новую ссылку ниже.',
    empty: 'Для этого адреса согласий нет.',
    emailLabel: 'Ваш e-mail',
    send: 'Прислать ссылку',
    sent: 'Если для этого адреса есть согласия, на него отправлена ссылка. Она действует 30 минут.',
    intro: 'Согласия, записанные для вашего подтверждённого адреса электронной почты. Любое действующее согласие можно отозвать.',
    states: { given: 'дано', refused: 'не дано', withdrawn: 'отозвано', expired: 'истёк срок', outdated: 'дано (текст с тех пор изменился)', erased: 'персональные данные уничтожены', pending: 'ждёт подтверждения по почте' } as Record<string, string>,
  },
};

export type PageTexts = (typeof TEXTS)['en'];
export const pageTexts = (lang: SelfLang): PageTexts => TEXTS[lang];

/** The page language: ?lang= when given, else the first of Accept-Language that we speak, else English. */
export const pageLang = (query: string | undefined, acceptLanguage: string | undefined): SelfLang => {
  if (query === 'ru' || query === 'en') return query;
  const first = (acceptLanguage ?? '')
    .split(',')
    .map((p) => p.trim().slice(0, 2).toLowerCase())
    .find((l) => l === 'ru' || l === 'en');
  return (first as SelfLang) ?? 'en';
};

const CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f6f9;color:#1f1f29}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.6rem}
.c{background:#fff;border:1px solid #dcdce4;border-radius:.5rem;padding:1rem 1.25rem;margin:1rem 0}
.c h2{font-size:1.1rem;margin:0 0 .5rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dt{color:#555}dd{margin:0}button{font:inherit;padding:.5rem 1rem;border-radius:.25rem;border:1px solid #1f1f29;background:#1f1f29;color:#fff;cursor:pointer;margin-top:.75rem}
button:disabled{opacity:.5;cursor:default}a{color:#271fe0}:focus-visible{outline:3px solid #271fe0;outline-offset:2px}
.s{padding:.75rem 1rem;border-radius:.375rem;margin:1rem 0}.s:empty{display:none}.ok{background:#edf7ee;border:1px solid #1b7f3b;color:#14532d}
.err{background:#fdecea;border:1px solid #b3261e;color:#8c1d18}input{font:inherit;padding:.4rem;width:100%;max-width:20rem;box-sizing:border-box}label{display:block;margin:.5rem 0 .25rem}`;

/** Shared by both pages: a tiny element helper, dates in the page's language, POSTs with JSON. */
const COMMON_JS = `const T=JSON.parse(document.getElementById('uc-t').textContent);
const API=location.pathname.replace(/\\/pages\\/[a-z]+\\/?$/,'');
const $=(s)=>document.querySelector(s);
const el=(tag,props,kids)=>{const e=Object.assign(document.createElement(tag),props||{});(kids||[]).forEach((k)=>k!=null&&e.append(k));return e;};
const day=(iso)=>iso?new Date(iso).toLocaleString(T.lang,{dateStyle:'long',timeStyle:'short'}):'';
const call=async(path,body,init)=>{const r=await fetch(API+path,Object.assign({method:'POST',credentials:'omit',headers:{'Content-Type':'application/json'},body:JSON.stringify(body)},init||{}));
const j=await r.json().catch(()=>({}));if(!r.ok)throw{status:r.status,code:j.error&&j.error.details&&j.error.details.code};return j;};
const say=(text,ok)=>{const s=$('#uc-status');s.className='s '+(ok?'ok':'err');s.textContent=text;if(text)s.focus();};
const row=(dl,k,v)=>{if(v==null||v==='')return;dl.append(el('dt',{textContent:k}),el('dd',{},[v]));};
const textLink=(url,n)=>url?el('a',{href:url,target:'_blank',rel:'noopener',textContent:T.versionN.replace('{n}',n==null?'':n)}):null;`;

const RECEIPT_JS = `const list=$('#uc-list');
const refs=new URLSearchParams(location.hash.slice(1)).getAll('r').map((v)=>{const i=v.indexOf('.');return{id:v.slice(0,i),token:v.slice(i+1)};}).filter((r)=>r.id&&r.token);
const canWithdraw=(s)=>s==='given'||s==='outdated'||s==='expired'||s==='pending';
const isConsent=(t)=>t==='given'||t==='requested';
const render=async(ref,box)=>{
  const r=await fetch(API+'/receipts/'+encodeURIComponent(ref.id),{credentials:'omit',headers:{'X-Receipt-Token':ref.token}});
  if(!r.ok){box.replaceChildren(el('p',{textContent:T.notFound}));return;}
  const rc=(await r.json()).data;
  const v=await fetch(API+'/versions/'+rc.notice.version,{credentials:'omit'}).then((x)=>x.ok?x.json():{}).then((x)=>x.data||{}).catch(()=>({}));
  const dl=el('dl');
  row(dl,T.form,rc.services[0]&&rc.services[0].service);
  row(dl,T.version,textLink(rc.notice.url,rc.notice.number));
  row(dl,isConsent(rc.event.type)?T.time:T.timeRefused,day(rc.event.time));
  row(dl,T.state,T.states[rc.state]||rc.state);
  if(rc.withdrawal)row(dl,T.withdrawnAt,day(rc.withdrawal.time));
  row(dl,T.receiptNo,rc.consentReceiptID);
  const kids=[el('h2',{textContent:v.label||(rc.services[0]&&rc.services[0].purposes.map((p)=>p.purpose).join(', '))}),dl];
  if(isConsent(rc.event.type)&&canWithdraw(rc.state)){
    const b=el('button',{type:'button',textContent:T.withdraw});
    b.onclick=async()=>{b.disabled=true;b.textContent=T.withdrawing;
      try{const w=await call('/withdrawals',{receipt:ref.id,token:ref.token});say(w.data.alreadyWithdrawn?T.already:T.withdrawn,true);await render(ref,box);}
      catch(e){b.disabled=false;b.textContent=T.withdraw;say(T.failed,false);}};
    kids.push(b);
  }
  box.replaceChildren(...kids);
};
(async()=>{
  if(location.hash)history.replaceState(null,'',location.pathname+location.search);
  if(!refs.length){list.replaceChildren(el('p',{textContent:T.noReceipt}));return;}
  list.replaceChildren();
  for(const ref of refs){const box=el('section',{className:'c'},[el('p',{textContent:T.loading})]);box.setAttribute('aria-live','polite');list.append(box);
    await render(ref,box).catch(()=>box.replaceChildren(el('p',{textContent:T.failed})));}
})();`;

const ME_JS = `const list=$('#uc-list');const ask=$('#uc-ask');
const KEY='user-consent:me';
let session=null;
const show=(items)=>{
  list.replaceChildren(el('p',{textContent:items.length?T.intro:T.empty}));
  for(const it of items){
    const dl=el('dl');
    row(dl,T.version,textLink(it.textUrl,it.versionNumber));
    row(dl,it.state==='refused'?T.timeRefused:T.time,day(it.decidedAt));
    row(dl,T.state,T.states[it.state]||it.state);
    if(it.endedAt)row(dl,it.state==='withdrawn'?T.withdrawnAt:T.endedAt,day(it.endedAt));
    const box=el('section',{className:'c'},[el('h2',{textContent:it.label}),dl]);
    if(it.withdrawable&&it.receipt){const b=el('button',{type:'button',textContent:T.withdraw});
      b.onclick=async()=>{b.disabled=true;b.textContent=T.withdrawing;
        try{const w=await call('/me/withdrawals',{session,receipt:it.receipt});say(w.data.alreadyWithdrawn?T.already:T.withdrawn,true);await reload();}
        catch(e){b.disabled=false;b.textContent=T.withdraw;fail(e);}};
      box.append(b);}
    list.append(box);
  }
};
const fail=(e)=>{if(e&&e.code==='session-invalid'){try{sessionStorage.removeItem(KEY);}catch(_){}session=null;ask.hidden=false;say(T.sessionOver,false);}else if(e&&e.code==='link-invalid'){ask.hidden=false;say(T.linkInvalid,false);}else say(T.failed,false);};
const reload=async()=>show((await call('/me/consents',{session})).data);
ask.onsubmit=async(e)=>{e.preventDefault();const b=ask.querySelector('button');b.disabled=true;
  try{await call('/me/link',{email:ask.email.value,lang:T.lang});say(T.sent,true);}catch(x){say(T.failed,false);}finally{b.disabled=false;}};
(async()=>{
  const token=new URLSearchParams(location.hash.slice(1)).get('token');
  if(location.hash)history.replaceState(null,'',location.pathname+location.search);
  try{session=sessionStorage.getItem(KEY);}catch(_){}
  try{
    if(token){const r=await call('/me/session',{token});session=r.meta.session;try{sessionStorage.setItem(KEY,session);}catch(_){}show(r.data);return;}
    if(session){await reload();return;}
    list.replaceChildren(el('p',{textContent:T.linkMissing}));ask.hidden=false;
  }catch(e){list.replaceChildren();fail(e);}
})();`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The Content-Security-Policy of a page: its own inline script and style only, requests to itself. */
export const pageCsp = (nonce: string) =>
  `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const page = (lang: SelfLang, nonce: string, title: string, body: string, script: string) => {
  const T = TEXTS[lang];
  // JSON in a <script type="application/json">: "<" escaped so that no text can close the element.
  const texts = JSON.stringify({ ...T, lang }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title>
<style nonce="${nonce}">${CSS}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
<p id="uc-status" class="s" role="status" tabindex="-1"></p>
${body}
</main>
<script type="application/json" id="uc-t">${texts}</script>
<script nonce="${nonce}">(()=>{${COMMON_JS}
${script}})();</script></body></html>`;
};

/** The receipt page: /api/user-consent/pages/receipt#r=<id>.<token>[&r=…]. */
export const receiptPage = (lang: SelfLang, nonce: string) =>
  page(lang, nonce, TEXTS[lang].receiptTitle, `<div id="uc-list"><p>${escapeHtml(TEXTS[lang].loading)}</p></div>`, RECEIPT_JS);

/** "My consents": /api/user-consent/pages/me#token=<link token>; also asks for a new link. */
export const myConsentsPage = (lang: SelfLang, nonce: string) => {
  const T = TEXTS[lang];
  const ask = `<form id="uc-ask" hidden><label for="uc-email">${escapeHtml(T.emailLabel)}</label>
<input id="uc-email" name="email" type="email" autocomplete="email" required><br><button type="submit">${escapeHtml(T.send)}</button></form>`;
  return page(lang, nonce, T.meTitle, `<div id="uc-list"><p>${escapeHtml(T.loading)}</p></div>${ask}`, ME_JS);
};
