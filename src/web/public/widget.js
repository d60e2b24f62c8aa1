/* The embeddable widget: paste
 *   <script src="https://ASSISTANT-HOST/widget.js" data-lang="en" defer></script>
 * into any page to get a floating "Ask the IAG assistant" button that opens the chat in a frame served
 * by the assistant itself (so the chat's requests stay same-origin with the assistant). */
/* global document, window, URL */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__iagAssistantWidget) return;
  window.__iagAssistantWidget = true;

  var origin = new URL(script.src, window.location.href).origin;
  var lang = (script.getAttribute('data-lang') || document.documentElement.lang || 'en').toLowerCase().indexOf('fr') === 0 ? 'fr' : 'en';
  // The server fills in the lines from knowledge/responses (web.widget.*); these are the same words.
  var all = /*strings*/ {
    en: { open: 'Ask the IAG assistant', close: 'Close the assistant', frame: 'IAG assistant' },
    fr: { open: "Posez votre question à l'assistant du SEI", close: "Fermer l'assistant", frame: 'Assistant du SEI' },
  } /*end*/;
  var text = all[lang];

  function style(el, rules) {
    Object.keys(rules).forEach(function (k) { el.style[k] = rules[k]; });
  }
  function focusRing(el) {
    el.addEventListener('focus', function () { el.style.outline = '3px solid #0535D2'; el.style.outlineOffset = '2px'; });
    el.addEventListener('blur', function () { el.style.outline = 'none'; });
  }

  var button = document.createElement('button');
  button.type = 'button';
  button.id = 'iag-assistant-button';
  button.textContent = text.open;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', 'iag-assistant-panel');
  button.setAttribute('lang', lang);
  style(button, {
    position: 'fixed', right: '1rem', bottom: '1rem', zIndex: '2147483646', maxWidth: 'calc(100vw - 2rem)',
    background: '#26374A', color: '#FFFFFF', border: '2px solid #FFFFFF', borderRadius: '0.25rem',
    padding: '0.75rem 1rem', font: '700 1rem/1.3 "Lato", "Noto Sans", system-ui, sans-serif', cursor: 'pointer',
    boxShadow: '0 2px 6px rgba(0,0,0,0.35)',
  });
  focusRing(button);

  var panel = document.createElement('div');
  panel.id = 'iag-assistant-panel';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', text.frame);
  panel.setAttribute('lang', lang);
  panel.hidden = true;
  style(panel, {
    position: 'fixed', right: '1rem', bottom: '4.5rem', zIndex: '2147483647',
    width: 'min(26rem, calc(100vw - 2rem))', height: 'min(40rem, calc(100vh - 6rem))',
    background: '#FFFFFF', border: '1px solid #6F6F6F', borderRadius: '0.25rem',
    boxShadow: '0 4px 16px rgba(0,0,0,0.35)', display: 'none', flexDirection: 'column',
  });

  var close = document.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', text.close);
  style(close, {
    alignSelf: 'flex-end', background: '#FFFFFF', color: '#26374A', border: '0', font: '700 1.5rem/1 system-ui, sans-serif',
    padding: '0.25rem 0.75rem', cursor: 'pointer',
  });
  focusRing(close);

  var frame = null;
  function open() {
    if (!frame) {
      frame = document.createElement('iframe');
      frame.src = origin + '/chat?lang=' + lang;
      frame.title = text.frame;
      style(frame, { flex: '1 1 auto', width: '100%', border: '0' });
      panel.appendChild(frame);
    }
    panel.hidden = false;
    panel.style.display = 'flex';
    button.setAttribute('aria-expanded', 'true');
    frame.focus();
  }
  function hide() {
    panel.hidden = true;
    panel.style.display = 'none';
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }

  button.addEventListener('click', function () { if (panel.hidden) open(); else hide(); });
  close.addEventListener('click', hide);
  panel.addEventListener('keydown', function (event) { if (event.key === 'Escape') hide(); });

  panel.appendChild(close);
  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
