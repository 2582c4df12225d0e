/*! user-consent widget | MIT | strapi-plugin-user-consent: <div data-user-consent-form="KEY"> in a <form> */
(() => {
'use strict';
if (window.UserConsent) return;
const doc = document;
const SEL = '[data-user-consent-form]';
const src = (doc.currentScript || {}).src || '';
const TEXTS = {
  ru: { lang: 'ru', hint: 'Откроется полный текст: прочитайте его и нажмите «Принять».', text: 'полный текст',
    missing: 'Отметьте обязательные согласия.', load: 'Не удалось загрузить согласия.',
    send: 'Не удалось отправить форму. Попробуйте ещё раз.', busy: 'Отправка…', done: 'Спасибо, форма отправлена.',
    close: 'Закрыть', accept: 'Принять', agreed: 'Вы дали согласие {d}.',
    outdated: 'Текст соглашения изменился с тех пор, как вы его приняли: прочитайте и примите его снова.',
    expired: 'Срок действия вашего согласия от {d} истёк: примите соглашение снова.',
    rc: 'Квитанция о согласии: ', rl: 'посмотреть или отозвать',
    check: 'Подтвердите согласие по ссылке из письма.' },
  en: { lang: 'en', hint: 'The full text opens: read it, then press Accept.', text: 'full text',
    missing: 'Please tick the required boxes.', load: 'Could not load the consents.',
    send: 'Could not send the form. Please try again.', busy: 'Sending…', done: 'Thank you, the form is sent.',
    close: 'Close', accept: 'Accept', agreed: 'You agreed on {d}.',
    outdated: 'The text has changed since you agreed: please read it and agree again.',
    expired: 'Your consent of {d} has expired: please agree again.',
    rc: 'Your consent receipt: ', rl: 'view or withdraw',
    check: 'Check your e-mail to confirm.' },
};
// The language: data-lang on the div, else the page's <html lang>, else the agreements' own.
const pick = (l) => TEXTS[/^ru/i.test(l || '') ? 'ru' : 'en'];
const RED = '#b3261e';
const CSS = `.uc-w{margin:1em 0}.uc-i{display:flex;gap:.5em;align-items:flex-start;margin:.5em 0}
.uc-i input{flex:none;width:1.1em;height:1.1em;margin:.2em 0 0}.uc-r{color:${RED};margin-left:.2em}
.uc-o{display:block;margin:.3em 0}.uc-h,.uc-n{display:block;font-size:.875em;color:#555}.uc-n{color:#7a4b00}.uc-e,.uc-s{margin:.5em 0}
.uc-e:empty,.uc-s:empty{margin:0}.uc-e{color:${RED};font-weight:600}.uc-i [aria-invalid]{outline:2px solid ${RED};outline-offset:2px}
.uc-s.uc-ok{padding:.75em 1em;border:1px solid #1b7f3b;border-left-width:.35em;border-radius:.375em;background:#edf7ee;color:#14532d;font-weight:600}
.uc-c{font-size:.875em}.uc-s.uc-ok::before{content:"\\2713\\00a0"}
.uc-d{box-sizing:border-box;width:min(44rem,calc(100% - 2em));max-height:85vh;padding:0;border:0;border-radius:.5em;
background:#fff;color:#222;flex-direction:column}.uc-d[open],.uc-f{display:flex}.uc-d::backdrop{background:#0008}
.uc-f{position:fixed;top:50%;left:50%;z-index:2147483647;transform:translate(-50%,-50%);box-shadow:0 0 0 100vmax #0008}
.uc-t{overflow:auto;padding:1em 1.5em;line-height:1.5}.uc-a{display:flex;gap:.75em;justify-content:flex-end;padding:.75em 1.5em;border-top:1px solid #ddd}
.uc-d .uc-b{font:inherit;margin:0;padding:.5em 1.25em;border:1px solid #767676;border-radius:.25em;background:#fff;color:#222;cursor:pointer}
.uc-d .uc-p{border-color:#222;background:#222;color:#fff}.uc-d .uc-b:disabled{opacity:.5;cursor:default}
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
const postJson = (url, body) =>
  getJson(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
// data-api="https://cms.example" on the div, else this script's origin
const apiOf = (box) => {
  const a = (box.getAttribute('data-api') || '').replace(/\/+$/, '');
  if (a) return /\/api\/user-consent$/.test(a) ? a : a + '/api/user-consent';
  const m = /^(.*\/api\/user-consent)\/widget\.js/.exec(src);
  return m ? m[1] : (src ? new URL(src).origin : location.origin) + '/api/user-consent';
};

// The visitor's receipts (id, token, agreement) for one form of one Strapi, kept in this browser so that
// a later visit can ask whether each consent still stands. Nothing personal is kept.
const receipts = (api, key) => {
  const k = `user-consent:${api}#${key}`;
  return {
    get() {
      try {
        const v = JSON.parse(localStorage.getItem(k) || '[]');
        return Array.isArray(v) ? v.filter((r) => r && typeof r.id === 'string' && typeof r.token === 'string') : [];
      } catch (_) {
        return [];
      }
    },
    set(list) {
      try {
        if (list.length) localStorage.setItem(k, JSON.stringify(list.slice(-20)));
        else localStorage.removeItem(k);
      } catch (_) { /* storage off or full: the widget works without it */ }
    },
  };
};

// A text with its date put in; "30 ноября 2026 г." already ends with a full stop.
const dated = (T, text, at) =>
  text.replace('{d}', new Date(at).toLocaleDateString(T.lang, { day: 'numeric', month: 'long', year: 'numeric' })).replace('..', '.');
const describe = (it) => {
  const ids = [it.hint, it.note].filter(Boolean).map((e) => e.id).join(' ');
  if (ids) it.input.setAttribute('aria-describedby', ids);
  else it.input.removeAttribute('aria-describedby');
};
const read = (it) => {
  it.opened = true;
  if (it.hint) it.hint.remove(), (it.hint = null);
  describe(it);
};
const tick = (it) => {
  it.input.checked = true;
  it.input.dispatchEvent(new Event('change', { bubbles: true }));
};
const note = (it, text) => {
  if (it.note) it.note.remove();
  it.note = text ? h('span', { className: 'uc-n', id: it.input.id + 'n', textContent: text }) : null;
  // The reason first, then how to agree.
  if (it.note) it.text.insertBefore(it.note, it.hint || null);
  describe(it);
};
// A consent that still stands: shown ticked and fixed, with its date; sending the form again repeats it.
const agreed = (ctx, it, at) => {
  read(it);
  it.input.checked = it.input.defaultChecked = true;
  it.input.disabled = true;
  it.input.removeAttribute('aria-invalid');
  note(it, dated(ctx.T, ctx.T.agreed, at));
  it.note.className = 'uc-h';
};

// The full text in a modal dialog with Accept and Close; focus moves in, then back to the opener
// (to the checkbox after Accept).
const show = (ctx, it, opener) => {
  const { api, T } = ctx;
  const name = { 'aria-label': it.a.label, lang: T.lang };
  const d = native ? h('dialog', { className: 'uc-d' }, name)
    : h('div', { className: 'uc-d uc-f' }, Object.assign(name, { role: 'dialog', 'aria-modal': 'true' }));
  const txt = h('div', { className: 'uc-t', tabIndex: 0, textContent: '…' });
  const close = h('button', { type: 'button', className: 'uc-b', textContent: T.close });
  const accept = h('button', { type: 'button', className: 'uc-b uc-p', textContent: T.accept, disabled: true });
  d.append(txt, h('div', { className: 'uc-a' }, {}, [close, accept]));
  let accepted = false;
  let over = false;
  const done = () => {
    if (over) return;
    over = true;
    d.remove();
    if (accepted) tick(it);
    (accepted ? it.input : opener).focus();
  };
  // Closed at once: the box is ticked before the click returns (the later `close` event finds it over).
  const end = () => (native && d.close(), done());
  close.onclick = end;
  accept.onclick = () => ((accepted = true), end());
  d.addEventListener('close', done);
  if (!native) d.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') done();
    if (e.key !== 'Tab') return;
    const f = d.querySelectorAll('a[href],button:not([disabled]),[tabindex="0"]');
    const [first, last] = [f[0], f[f.length - 1]];
    if (doc.activeElement === (e.shiftKey ? first : last)) e.preventDefault(), (e.shiftKey ? last : first).focus();
  });
  doc.body.append(d);
  if (native) d.showModal();
  txt.focus();
  // The text URL's query (?form=key) asks for the text as this form shows it (its fields' captions).
  const url = `${api}/versions/${it.a.version.id}${(it.a.textUrl.match(/\?.*/) || [''])[0]}`;
  (texts[url] = texts[url] || getJson(url)).then((v) => {
    // The text in the language the label was shown in, when the version has it.
    const t = (it.a.language && it.a.language !== v.language && v.translations && v.translations[it.a.language]) || v;
    if (t.html) txt.innerHTML = t.html; // sanitised server-side
    else txt.replaceChildren(h('a', { href: v.externalUrl, target: '_blank', rel: 'noopener', textContent: it.a.label }));
    if (it.a.language || v.language) txt.lang = it.a.language || v.language;
    read(it);
    accept.disabled = false;
  }, () => {
    delete texts[url];
    txt.textContent = T.load;
  });
};

const row = (ctx, list, a) => {
  const { api, T } = ctx;
  const id = 'uc-' + ++n;
  const input = h('input', { type: 'checkbox', id, checked: a.prechecked, defaultChecked: a.prechecked });
  const label = h('label', { htmlFor: id, innerHTML: a.labelHtml });
  const text = h('div', {}, {}, [label]);
  const it = { a, input, text, opened: false };
  let links = [...label.querySelectorAll('a')];
  if (!links.length && a.mustRead) label.append(' (', (links = [h('a', { href: '#', textContent: T.text })])[0], ')');
  links.forEach((l) => {
    const inPage = (l.getAttribute('href') || '#')[0] === '#';
    if (inPage) {
      l.href = new URL(a.textUrl, api).href;
      l.setAttribute('aria-haspopup', 'dialog');
    }
    l.addEventListener('click', (e) => (inPage ? (e.preventDefault(), show(ctx, it, l)) : read(it)));
  });
  it.link = links[0];
  if (a.required) {
    input.setAttribute('aria-required', 'true');
    label.append(h('span', { className: 'uc-r', textContent: '*' }, { 'aria-hidden': 'true' }));
  }
  if (a.mustRead) {
    // As in Bitrix: ticking the box (or clicking its label) opens the text; Accept there ticks it.
    input.setAttribute('aria-haspopup', 'dialog');
    it.hint = h('span', { className: 'uc-h', id: id + 'h', textContent: T.hint });
    text.append(it.hint);
    describe(it);
    input.addEventListener('click', (e) => {
      if (it.opened) return;
      e.preventDefault();
      show(ctx, it, input);
    });
  }
  // Advertising channels, or categories of a consent to distribution: each ticked on its own under the
  // box. Ticking the box ticks them all, unticking it unticks them; the box stays ticked while one is.
  const subs = (it.subs = [...(a.channels || []), ...(a.categories || [])].map((c) => {
    const s = h('input', { type: 'checkbox', value: c.code });
    s.onchange = () => (input.checked = subs.some((x) => x.checked));
    text.append(h('label', { className: 'uc-o' }, {}, [s, ' ' + c.title]));
    return s;
  }));
  input.addEventListener('change', () => subs.forEach((s) => (s.checked = input.checked)));
  input.addEventListener('change', () => {
    if (!input.checked) return;
    input.removeAttribute('aria-invalid');
    ctx.ticked();
  });
  list.append(h('div', { className: 'uc-i' }, {}, [input, text]));
  return it;
};

const init = async (box) => {
  if (box.hasAttribute('data-uc-state')) return box;
  const form = box.closest('form');
  const api = apiOf(box);
  const key = box.getAttribute('data-user-consent-form');
  const kept = receipts(api, key);
  const err = h('p', { className: 'uc-e' }, { role: 'alert' });
  const status = h('p', { className: 'uc-s' }, { role: 'status' });
  const rc = h('p', { className: 'uc-c' });
  const list = h('div');
  const lang = box.getAttribute('data-lang') || doc.documentElement.lang;
  // The agreements' language: data-language on the div, else the widget's language (data-lang, <html lang>).
  const want = box.getAttribute('data-language') || lang || '';
  const query = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/.test(want) ? `?language=${encodeURIComponent(want)}` : '';
  const ctx = { api, T: pick(lang), ticked: () => {} };
  let def = null;
  let items = [];
  let busy = false;
  const busyOn = (on) => ((busy = on), on ? box.setAttribute('aria-busy', 'true') : box.removeAttribute('aria-busy'));
  const state = (s) => box.setAttribute('data-uc-state', s);
  const say = (msg, ok) => ((status.textContent = msg), status.classList.toggle('uc-ok', !!ok));
  const fail = (msg) => ((err.textContent = msg), say(''));
  const missing = () => items.filter((it) => it.a.required && !it.input.checked);
  // The error goes as soon as nothing required is left unticked.
  ctx.ticked = () => err.textContent && !missing().length && (err.textContent = '');
  state('loading');
  box.classList.add('uc-w');
  box.replaceChildren(list, err, status, rc);
  if (!doc.getElementById('uc-css')) doc.head.append(h('style', { id: 'uc-css', textContent: CSS }));
  if (!form) console.warn('user-consent: the widget must be inside a <form>', box);

  const submit = async (e) => {
    e.preventDefault();
    const gaps = missing();
    gaps.forEach((it) => it.input.setAttribute('aria-invalid', 'true'));
    if (busy || !def || gaps.length) {
      e.stopImmediatePropagation();
      if (busy) return;
      fail(def ? ctx.T.missing : ctx.T.load);
      if (gaps[0]) gaps[0].input.focus();
      return;
    }
    // Only the form's declared fields; email, phone and name also identify the person.
    const names = def.fields.map((f) => f.name);
    const body = {
      pageUrl: location.href.slice(0, 4000),
      decisions: items.map(({ a, input, opened, subs }) => {
        const on = subs.filter((s) => s.checked);
        // With choices, ticking none of them is refusing (the server refuses an acceptance without one).
        const d = { version: a.version.id, accepted: input.checked && (!subs.length || !!on.length), fullTextOpened: opened };
        // The language the label and text were shown in: recorded with the decision.
        if (a.language) d.language = a.language;
        if (d.accepted && a.channels) d.channels = on.map((s) => s.value);
        if (d.accepted && a.categories) d.categories = Object.fromEntries(subs.map((s) => [s.value, s.checked]));
        return d;
      }),
    };
    for (const [k, v] of new FormData(form)) {
      if (typeof v !== 'string' || !v.trim() || !names.includes(k)) continue;
      (body.data = body.data || {})[k] = v;
      if (/^(email|phone|name)$/.test(k)) (body.subject = body.subject || {})[k] = v.trim();
    }
    busyOn(true);
    fail('');
    say(ctx.T.busy);
    try {
      const r = await postJson(`${api}/forms/${encodeURIComponent(def.key)}/consents`, body);
      say('');
      // Keep the receipts of the consents given now, in place of older ones for the same agreements.
      const now = r.receipts.map((x) => x.agreement);
      kept.set(kept.get().filter((x) => !now.includes(x.agreement))
        .concat(r.receipts.filter((x) => x.action === 'given').map((x) => ({ id: x.id, token: x.token, agreement: x.agreement }))));
      if (!form.dispatchEvent(new CustomEvent('user-consent:success', { detail: r, bubbles: true, cancelable: true }))) return;
      if (/^https?:/i.test(r.redirectUrl)) return location.assign(r.redirectUrl);
      const at = new Date().toISOString();
      items.forEach((it) => it.input.checked && r.receipts.some((x) => x.agreement === it.a.agreement && x.action === 'given') && agreed(ctx, it, at));
      form.reset();
      // Stays until the visitor types or ticks again.
      // Double opt-in: a consent waits for the link mailed to the person.
      say((r.message || ctx.T.done) + (r.confirmation ? ` ${ctx.T.check}` : ''), true);
      // The receipt page: ids and tokens in the fragment, which the browser never sends to a server.
      rc.replaceChildren(ctx.T.rc, h('a', { href: `${api}/pages/receipt?lang=${ctx.T.lang}#` + r.receipts.map((x) => `r=${x.id}.${x.token}`).join('&'),
        target: '_blank', rel: 'noopener', textContent: ctx.T.rl }));
      if (status.scrollIntoView) status.scrollIntoView({ block: 'nearest' });
    } catch (x) {
      fail((x && x.m) || ctx.T.send);
    } finally {
      busyOn(false);
    }
  };
  if (form) {
    form.addEventListener('submit', submit, true);
    const clear = () => status.classList.contains('uc-ok') && say('');
    form.addEventListener('input', clear);
    form.addEventListener('change', clear);
  }

  try {
    const mine = kept.get();
    // The form and, when this browser kept receipts, their states; a failed state query changes nothing.
    const [d, states] = await Promise.all([
      getJson(`${api}/forms/${encodeURIComponent(key)}${query}`),
      mine.length ? postJson(`${api}/receipts/states`, { receipts: mine.map((x) => ({ id: x.id, token: x.token })) }).catch(() => null) : null,
    ]);
    def = d;
    if (!box.getAttribute('data-lang') && !doc.documentElement.lang) ctx.T = pick(box.getAttribute('data-language') || (def.agreements.find((a) => a.language) || {}).language);
    items = def.agreements.map((a) => row(ctx, list, a));
    if (states) {
      // Forget what no longer stands for anything (unknown, withdrawn, erased, refused).
      const live = states.filter((s) => /^(given|outdated|expired)$/.test(s.state));
      kept.set(mine.filter((x) => live.some((s) => s.id === x.id)));
      for (const it of items) {
        const s = live.filter((x) => x.agreement === it.a.agreement).pop();
        if (!s) continue;
        // Given on the version shown now (or on an earlier one that needs no renewal, unless it must be read again).
        if (s.state === 'given' && (!it.a.mustRead || s.version === it.a.version.id)) agreed(ctx, it, s.recordedAt);
        else if (s.state === 'outdated') note(it, ctx.T.outdated);
        else if (s.state === 'expired') note(it, dated(ctx.T, ctx.T.expired, s.recordedAt));
      }
    }
    state('ready');
  } catch (x) {
    def = null;
    fail(ctx.T.load);
    state('error');
  }
  return box;
};

const mount = (root = doc) =>
  Promise.all((root.matches && root.matches(SEL) ? [root] : [...root.querySelectorAll(SEL)]).map(init));

window.UserConsent = { version: '0.2.0', mount };
if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', () => mount());
else mount();
})();
