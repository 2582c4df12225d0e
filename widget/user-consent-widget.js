/*! user-consent widget | MIT | strapi-plugin-user-consent: <div data-user-consent-form="KEY"> in a <form> */
(() => {
'use strict';
if (window.UserConsent) return;
const doc = document;
const SEL = '[data-user-consent-form]';
const src = (doc.currentScript || {}).src || '';
const T = /^ru/i.test(doc.documentElement.lang)
  ? { hint: 'Откройте полный текст, чтобы поставить отметку.', text: 'полный текст',
      missing: 'Отметьте обязательные согласия.', load: 'Не удалось загрузить согласия.',
      send: 'Не удалось отправить форму. Попробуйте ещё раз.', busy: 'Отправка…', done: 'Готово.', close: 'Закрыть' }
  : { hint: 'Open the full text to be able to tick this box.', text: 'full text',
      missing: 'Please tick the required boxes.', load: 'Could not load the consents.',
      send: 'Could not send the form. Please try again.', busy: 'Sending…', done: 'Done.', close: 'Close' };
const RED = '#b3261e';
const CSS = `.uc-w{margin:1em 0}.uc-i{display:flex;gap:.5em;align-items:flex-start;margin:.5em 0}
.uc-i input{flex:none;width:1.1em;height:1.1em;margin:.2em 0 0}.uc-r{color:${RED};margin-left:.2em}
.uc-h{display:block;font-size:.875em;color:#555}.uc-e,.uc-s{margin:.5em 0}.uc-e:empty,.uc-s:empty{margin:0}
.uc-e{color:${RED};font-weight:600}.uc-i [aria-invalid]{outline:2px solid ${RED};outline-offset:2px}
.uc-d{box-sizing:border-box;width:min(44rem,calc(100% - 2em));max-height:85vh;padding:0;border:0;border-radius:.5em;
background:#fff;color:#222;flex-direction:column}.uc-d[open],.uc-f{display:flex}.uc-d::backdrop{background:#0008}
.uc-f{position:fixed;top:50%;left:50%;z-index:2147483647;transform:translate(-50%,-50%);box-shadow:0 0 0 100vmax #0008}
.uc-t{overflow:auto;padding:1em 1.5em;line-height:1.5}.uc-d button{align-self:flex-end;margin:.75em 1.5em}
@media (prefers-reduced-motion:no-preference){.uc-d{animation:uc-in .15s ease-out}}@keyframes uc-in{from{opacity:0}}`;
const native = typeof HTMLDialogElement === 'function';
const texts = {};
let n = 0;

const h = (tag, props, attrs, kids = []) => {
  const e = Object.assign(doc.createElement(tag), props);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  e.append(...kids);
  return e;
};
const getJson = async (url, init) => {
  const res = await fetch(url, Object.assign({ credentials: 'omit' }, init));
  const j = await res.json().catch(() => ({}));
  if (!res.ok) throw { m: j.error && j.error.message };
  return j.data;
};
// data-api="https://cms.example" on the div, else this script's origin
const apiOf = (box) => {
  const a = (box.getAttribute('data-api') || '').replace(/\/+$/, '');
  if (a) return /\/api\/user-consent$/.test(a) ? a : a + '/api/user-consent';
  const m = /^(.*\/api\/user-consent)\/widget\.js/.exec(src);
  return m ? m[1] : (src ? new URL(src).origin : location.origin) + '/api/user-consent';
};

const read = (it) => {
  it.opened = true;
  it.input.disabled = false;
  if (it.hint) it.hint.remove();
  it.input.removeAttribute('aria-describedby');
};

// The full text in a modal dialog; focus moves in and back to the link
const show = (api, it, opener) => {
  const name = { 'aria-label': it.a.label };
  const d = native ? h('dialog', { className: 'uc-d' }, name)
    : h('div', { className: 'uc-d uc-f' }, Object.assign(name, { role: 'dialog', 'aria-modal': 'true' }));
  const txt = h('div', { className: 'uc-t', tabIndex: 0, textContent: '…' });
  const btn = h('button', { type: 'button', textContent: T.close });
  d.append(txt, btn);
  const done = () => (d.remove(), opener.focus());
  btn.onclick = () => (native ? d.close() : done());
  d.addEventListener('close', done);
  if (!native) d.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') done();
    if (e.key !== 'Tab') return;
    const f = d.querySelectorAll('a[href],button,[tabindex="0"]');
    const [first, last] = [f[0], f[f.length - 1]];
    if (doc.activeElement === (e.shiftKey ? first : last)) e.preventDefault(), (e.shiftKey ? last : first).focus();
  });
  doc.body.append(d);
  if (native) d.showModal();
  txt.focus();
  const key = api + '#' + it.a.version.id;
  (texts[key] = texts[key] || getJson(`${api}/versions/${it.a.version.id}`)).then((v) => {
    if (v.html) txt.innerHTML = v.html; // sanitised server-side
    else txt.replaceChildren(h('a', { href: v.externalUrl, target: '_blank', rel: 'noopener', textContent: it.a.label }));
    if (v.language) txt.lang = v.language;
    read(it);
  }, () => {
    delete texts[key];
    txt.textContent = T.load;
  });
};

const row = (api, list, a) => {
  const id = 'uc-' + ++n;
  const input = h('input', { type: 'checkbox', id, checked: a.prechecked, defaultChecked: a.prechecked, disabled: a.mustRead });
  const label = h('label', { htmlFor: id, innerHTML: a.labelHtml });
  const it = { a, input, opened: false };
  let links = [...label.querySelectorAll('a')];
  if (!links.length && a.mustRead) label.append(' (', (links = [h('a', { href: '#', textContent: T.text })])[0], ')');
  links.forEach((l) => {
    const inPage = (l.getAttribute('href') || '#')[0] === '#';
    if (inPage) {
      l.href = new URL(a.textUrl, api).href;
      l.setAttribute('aria-haspopup', 'dialog');
    }
    l.addEventListener('click', (e) => (inPage ? (e.preventDefault(), show(api, it, l)) : read(it)));
  });
  it.link = links[0];
  if (a.required) {
    input.setAttribute('aria-required', 'true');
    label.append(h('span', { className: 'uc-r', textContent: '*' }, { 'aria-hidden': 'true' }));
  }
  if (a.mustRead) {
    it.hint = h('span', { className: 'uc-h', id: id + 'h', textContent: T.hint });
    input.setAttribute('aria-describedby', it.hint.id);
  }
  input.addEventListener('change', () => input.checked && input.removeAttribute('aria-invalid'));
  list.append(h('div', { className: 'uc-i' }, {}, [input, h('div', {}, {}, it.hint ? [label, it.hint] : [label])]));
  return it;
};

const init = async (box) => {
  if (box.hasAttribute('data-uc-state')) return box;
  const form = box.closest('form');
  const api = apiOf(box);
  const err = h('p', { className: 'uc-e' }, { role: 'alert' });
  const status = h('p', { className: 'uc-s' }, { role: 'status' });
  const list = h('div');
  let def = null;
  let items = [];
  let busy = false;
  const busyOn = (on) => ((busy = on), on ? box.setAttribute('aria-busy', 'true') : box.removeAttribute('aria-busy'));
  const state = (s) => box.setAttribute('data-uc-state', s);
  const fail = (msg) => ((err.textContent = msg), (status.textContent = ''));
  state('loading');
  box.classList.add('uc-w');
  box.replaceChildren(list, err, status);
  if (!doc.getElementById('uc-css')) doc.head.append(h('style', { id: 'uc-css', textContent: CSS }));
  if (!form) console.warn('user-consent: the widget must be inside a <form>', box);

  const submit = async (e) => {
    e.preventDefault();
    const missing = items.filter((it) => it.a.required && !it.input.checked);
    missing.forEach((it) => it.input.setAttribute('aria-invalid', 'true'));
    if (busy || !def || missing.length) {
      e.stopImmediatePropagation();
      if (busy) return;
      fail(def ? T.missing : T.load);
      const m = missing[0];
      if (m) (m.input.disabled ? m.link : m.input).focus();
      return;
    }
    // Only the form's declared fields; email, phone and name also identify the person.
    const names = def.fields.map((f) => f.name);
    const body = {
      pageUrl: location.href.slice(0, 4000),
      decisions: items.map((it) => ({ version: it.a.version.id, accepted: it.input.checked, fullTextOpened: it.opened })),
    };
    for (const [k, v] of new FormData(form)) {
      if (typeof v !== 'string' || !v.trim() || !names.includes(k)) continue;
      (body.data = body.data || {})[k] = v;
      if (/^(email|phone|name)$/.test(k)) (body.subject = body.subject || {})[k] = v.trim();
    }
    busyOn(true);
    fail('');
    status.textContent = T.busy;
    try {
      const r = await getJson(`${api}/forms/${encodeURIComponent(def.key)}/consents`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      status.textContent = '';
      if (!form.dispatchEvent(new CustomEvent('user-consent:success', { detail: r, bubbles: true, cancelable: true }))) return;
      if (/^https?:/i.test(r.redirectUrl)) return location.assign(r.redirectUrl);
      form.reset();
      status.textContent = r.message || T.done;
    } catch (x) {
      fail((x && x.m) || T.send);
    } finally {
      busyOn(false);
    }
  };
  if (form) form.addEventListener('submit', submit, true);

  try {
    def = await getJson(`${api}/forms/${encodeURIComponent(box.getAttribute('data-user-consent-form'))}`);
    items = def.agreements.map((a) => row(api, list, a));
    state('ready');
  } catch (x) {
    def = null;
    fail(T.load);
    state('error');
  }
  return box;
};

const mount = (root = doc) =>
  Promise.all((root.matches && root.matches(SEL) ? [root] : [...root.querySelectorAll(SEL)]).map(init));

window.UserConsent = { version: '0.1.0', mount };
if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', () => mount());
else mount();
})();
