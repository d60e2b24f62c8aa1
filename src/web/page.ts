/**
 * The widget's HTML: the full page at / (and /?lang=fr) and the compact page the embeddable widget
 * shows in its frame (/chat). Every word comes from knowledge/ (responses and the IAG's contact), so
 * editors change the page the way they change the assistant's lines. No inline script: the chat's
 * settings travel as data attributes read by /static/chat.js.
 */
import type { KnowledgeBase, Locale } from '../knowledge/loadKnowledge';
import { telHref, type Renderer } from '../conversation/render';

export type ChatMode = 'embedded' | 'directline';

export interface PageOptions {
  locale: Locale;
  /** 'page': the site page; 'frame': the widget's compact frame */
  layout: 'page' | 'frame';
  mode: ChatMode;
  styleNonce: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function pageLocale(lang: string | null): Locale {
  return lang?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function contactSection(kb: KnowledgeBase, renderer: Renderer, locale: Locale): string {
  const c = kb.iagContact;
  const t = (id: string) => escapeHtml(renderer.line(locale, id));
  const row = (label: string, value: string) => `<div class="contact-row"><dt>${label}</dt><dd>${value}</dd></div>`;
  return `<section class="contact" aria-labelledby="contact-heading">
<h2 id="contact-heading">${t('web.contact.heading')}</h2>
<p>${t('contact.iag.title')}</p>
<dl class="contact-list">
${row(t('contact.label.address'), `<address>${escapeHtml(c.address[locale])}</address>`)}
${row(t('contact.label.phone'), `<a href="${escapeHtml(telHref(c.phone))}">${escapeHtml(c.phone)}</a>`)}
${row(t('contact.label.fax'), escapeHtml(c.fax))}
${row(t('contact.label.email'), `<a href="mailto:${escapeHtml(c.email)}">${escapeHtml(c.email)}</a>`)}
${row(t('contact.label.website'), `<a href="${escapeHtml(c.website[locale])}">${escapeHtml(c.website[locale])}</a>`)}
</dl>
</section>`;
}

export function renderPage(kb: KnowledgeBase, renderer: Renderer, options: PageOptions): string {
  const { locale, layout } = options;
  const other: Locale = locale === 'en' ? 'fr' : 'en';
  const t = (id: string) => escapeHtml(renderer.line(locale, id));
  const toggleHref = layout === 'frame' ? `/chat?lang=${other}` : other === 'fr' ? '/?lang=fr' : '/';
  const toggle = `<a class="lang-toggle" href="${toggleHref}" lang="${other}" hreflang="${other}" aria-label="${t('web.language.switchName')}">${t('web.language.switch')}</a>`;
  const notice = `<ul class="notice">
<li>${t('web.notice.automated')}</li>
<li>${t('web.notice.general')}</li>
<li>${t('web.notice.privacy')}</li>
</ul>`;
  const chat = `<section id="chat-section" class="chat-section" aria-label="${t('web.chat.label')}" tabindex="-1">
<div id="chat" class="chat" data-lang="${locale}" data-mode="${options.mode}" data-nonce="${escapeHtml(options.styleNonce)}" data-unavailable="${t('web.chat.unavailable')}"></div>
<p id="chat-status" class="chat-status" role="status">${t('web.chat.loading')}</p>
</section>`;
  const head = `<!doctype html>
<html lang="${locale === 'fr' ? 'fr-CA' : 'en-CA'}" class="layout-${layout}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('web.title')}</title>
<link rel="stylesheet" href="/static/site.css">
<script src="/static/webchat.js" defer></script>
<script src="/static/chat.js" defer></script>
</head>`;
  if (layout === 'frame') {
    return `${head}
<body>
<header class="frame-header"><h1>${t('web.heading')}</h1>${toggle}</header>
<main id="main">
${notice}
${chat}
${contactSection(kb, renderer, locale)}
</main>
</body>
</html>
`;
  }
  return `${head}
<body>
<a class="skip-link" href="#chat-section">${t('web.skipToChat')}</a>
<header class="site-header"><div class="wrap header-row"><p class="site-name">${t('web.footer')}</p>${toggle}</div></header>
<main id="main" class="wrap">
<h1>${t('web.heading')}</h1>
<p class="intro">${t('web.intro')}</p>
${notice}
${chat}
${contactSection(kb, renderer, locale)}
</main>
<footer class="site-footer"><div class="wrap"><p>${t('web.footer')}</p></div></footer>
</body>
</html>
`;
}
