// printview.js - the print view of `tsunagu serve`: the chart of an event
// (/api/events/ID/print.html, self-contained, no script) in a frame, and a
// button that prints the frame's document, the chart alone.
//   /printview.html?event=ID&lang=ja|en[&roster_per_page=1]
'use strict';

const T = {
  ja: { print: '印刷する', hint: 'A4 で印刷します。用紙の向きはページごとに切り替わります。',
        download: 'HTML でダウンロード', title: 'つなぐ 印刷' },
  en: { print: 'Print', hint: 'Prints on A4; each page has its own orientation.',
        download: 'Download as HTML', title: 'tsunagu print view' },
};

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'ja';
const event = params.get('event') || '';
document.documentElement.lang = lang;
document.title = T[lang].title;
for (const e of document.querySelectorAll('[data-t]')) e.textContent = T[lang][e.dataset.t];

// The chart's address: only an event id of the server's own form.
const chart = new URLSearchParams({ lang });
if (params.get('roster_per_page') === '1') chart.set('roster_per_page', '1');
const base = /^[0-9A-Za-z-]+$/.test(event) ? '/api/events/' + encodeURIComponent(event) + '/print.html?' : null;
const frame = document.getElementById('chart');
const button = document.getElementById('print');
button.disabled = true;
if (base) {
  frame.addEventListener('load', () => { button.disabled = false; });
  frame.src = base + chart.toString();
  const dl = new URLSearchParams(chart);
  dl.set('download', '1');
  document.getElementById('download').href = base + dl.toString();
}
button.addEventListener('click', () => {
  frame.contentWindow.focus();
  frame.contentWindow.print();
});
