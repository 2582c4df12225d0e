/**
 * Checks of a rendered admin page that hold on every page: no English left on a Russian page, and
 * every column of every table on screen.
 */
import type { Page } from 'playwright-core';

/**
 * Names that are not to be translated: products, standards, and the words of a browser's user agent
 * (what a person's browser sent, shown as stored).
 */
const PROPER_NAMES = ['Strapi', 'Kantara', 'Consent', 'Receipt', 'EdDSA', 'Ed25519', 'Excel', 'Chromium', 'Chrome', 'HeadlessChrome', 'Mozilla', 'AppleWebKit', 'Safari', 'Gecko', 'like', 'Linux', 'Windows', 'Macintosh'];

/**
 * The Latin-letter words of the visible text of the plugin's part of the page (its navigation and
 * `main`) that are not allowed on a Russian page. Allowed: proper names (PROPER_NAMES and `names`,
 * the data the test made or found: agreement, form and company names), codes (capitals like INN,
 * HTML, UTC; anything with a digit, a dot, a dash, an underscore inside), e-mails, URLs and host
 * names, paths of routes, hashes and ids. Text set in a monospace font is a code or an identifier and is skipped, as
 * are form inputs (what the editor typed). `within`: a selector of the only parts to read instead (a
 * widget on a page of a site).
 */
export const latinWords = (page: Page, names: string[] = [], { within }: { within?: string } = {}) =>
  page.evaluate(
    ({ allowed, within }) => {
      const ok = new Set(allowed.flatMap((n) => n.split(/[^A-Za-z0-9]+/)).filter(Boolean));
      // The plugin's own navigation is the one whose every link leads into the plugin (Strapi's main menu is Strapi's).
      const ours = (n: Element) => {
        const links = Array.from(n.querySelectorAll('a'));
        return links.length > 0 && links.every((l) => l.getAttribute('href')?.includes('/plugins/user-consent/'));
      };
      const roots = within
        ? Array.from(document.querySelectorAll(within))
        : [...Array.from(document.querySelectorAll('main')), ...Array.from(document.querySelectorAll('nav')).filter((n) => !n.closest('main') && ours(n))];
      const bad: string[] = [];
      const visible = (el: Element) => {
        const style = getComputedStyle(el);
        if (style.visibility === 'hidden' || style.display === 'none') return false;
        return el.getClientRects().length > 0;
      };
      const skipped = (el: Element) => {
        for (let e: Element | null = el; e; e = e.parentElement) {
          if (['SCRIPT', 'STYLE', 'PRE', 'CODE', 'INPUT', 'TEXTAREA'].includes(e.tagName)) return true;
          if (/monospace/i.test(getComputedStyle(e).fontFamily) && e !== document.body) return true;
          if (e.closest('[role="tooltip"]')) return true;
        }
        return false;
      };
      const allowedToken = (w: string) =>
        ok.has(w.replace(/\.$/, '')) ||
        /@/.test(w) ||
        /:\/\//.test(w) ||
        /^[A-Z][A-Z0-9/-]*$/.test(w) || // codes and acronyms: INN, HTML, SHA-256, ISO/IEC
        /[0-9._\-]/.test(w.replace(/[.]$/, '')) || // identifiers, form keys, versions, host names
        /^[0-9a-f]{8,}$/i.test(w);
      for (const root of roots) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const el = node.parentElement;
          if (!el || !node.textContent || !/[A-Za-z]/.test(node.textContent) || !visible(el) || skipped(el)) continue;
          // URLs and e-mails whole first: split, their parts would read as words.
          // Paths of routes ("/api/user-consent/jwks.json") are addresses too.
          const text = node.textContent
            .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, ' ')
            .replace(/\S+@\S+/g, ' ')
            .replace(/(^|\s)\/[A-Za-z0-9._~%-]+(\/[A-Za-z0-9._~%-]*)+/g, ' ');
          for (const raw of text.split(/[\s,;:!?«»"“”()[\]{}<>·—–/]+/)) {
            const word = raw.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9.]+$/g, '');
            if (/[A-Za-z]/.test(word) && !allowedToken(word)) bad.push(`${word} (in "${node.textContent.trim().slice(0, 80)}")`);
          }
        }
      }
      return bad;
    },
    { allowed: [...PROPER_NAMES, ...names], within }
  );

/**
 * The header cells of the page's tables that end beyond the viewport's right edge or beyond the box
 * that clips or scrolls the table (cut off or scrolled away).
 */
export const offscreenColumns = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('main table thead th')).flatMap((th) => {
      let limit = window.innerWidth;
      for (let e = th.parentElement; e && e !== document.body; e = e.parentElement) {
        if (getComputedStyle(e).overflowX !== 'visible') limit = Math.min(limit, e.getBoundingClientRect().right);
      }
      const right = th.getBoundingClientRect().right;
      return right > limit + 0.5 ? [`${(th.textContent ?? '').trim() || '(no text)'}: right edge ${Math.round(right)} > ${Math.round(limit)}`] : [];
    })
  );

/** How far the page scrolls sideways (0 when it fits the viewport's width). */
export const sidewaysScroll = (page: Page) => page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
