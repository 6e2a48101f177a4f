// The dashboard's printer cards, and the printer lists of the filters.
import { $, t, esc, fmt } from './i18n.js';
import { api } from './api.js';

export const printerState = { list: [] };

function stateText(p) {
  if (p.connected) return t('state.' + p.state);
  return p.problem ? t('problem.' + p.problem.kind) : t('offline');
}
function problemLine(p) {
  const parts = [];
  if (!p.connected && p.problem) {
    parts.push(`<div class="problem" title="${esc(p.problem.detail)}">${esc(p.problem.detail)}</div>`);
    parts.push(`<small>${t('problem.since')} ${fmt(p.problem.since)}` +
      (p.problem.next_retry ? ` · ${t('problem.retry')} ${fmt(p.problem.next_retry)}` : '') + '</small>');
  }
  if (p.store_error) parts.push(`<div class="problem" title="${esc(p.store_error)}">${t('problem.store')}</div>`);
  if (p.bad_inputs > 0) parts.push(`<small>${t('problem.badInputs')}: ${esc(p.bad_inputs)}</small>`);
  return parts.join('');
}
function card(p) {
  const pct = p.progress == null ? 0 : Math.round(p.progress);
  const active = p.state === 'PRINTING' || p.state === 'PAUSED';
  return `<div class="card printer" data-id="${esc(p.id)}"><h3>${esc(p.name)}</h3>
    <span class="state ${esc(p.state)}" data-state="${esc(p.state)}">${esc(stateText(p))}</span>
    ${problemLine(p)}
    <div class="file">${esc(active ? p.file_name : t('noPrint'))}</div>
    <div class="bar"><div data-pct="${active ? pct : 0}"></div></div>
    <small>${active ? pct + ' %' : ''}</small></div>`;
}
function render() {
  const printers = printerState.list;
  $('#printers').innerHTML = printers.map(card).join('');
  // widths through the CSSOM: the content security policy refuses inline style attributes
  for (const b of document.querySelectorAll('#printers .bar > div[data-pct]')) b.style.width = b.dataset.pct + '%';
  for (const id of ['#f-printer', '#s-printer']) {
    const sel = $(id); const cur = sel.value;
    sel.innerHTML = `<option value="">${t('filter.allPrinters')}</option>` +
      printers.map(p => `<option value="${esc(p.id)}">${esc(p.name)}</option>`).join('');
    sel.value = cur;
  }
}
export async function loadPrinters() {
  printerState.list = await api('/api/printers');
  render();
}
export function rerenderPrinters() { render(); }

/** A printer_state_changed event: that card's state, without asking the server. */
export function applyPrinterState(d) {
  const p = printerState.list.find(x => x.id === d.printer_id);
  if (!p) { loadPrinters(); return; } // a printer the page does not know yet
  p.state = d.state; p.connected = d.state !== 'OFFLINE';
  if (p.connected) p.problem = null;
  const el = document.querySelector(`#printers .card.printer[data-id="${CSS.escape(p.id)}"]`);
  if (el) { el.outerHTML = card(p); for (const b of document.querySelectorAll('#printers .bar > div[data-pct]')) b.style.width = b.dataset.pct + '%'; }
}
/** A printer_connection_problem event: the problem (or its end) on that card. */
export function applyPrinterProblem(d) {
  const p = printerState.list.find(x => x.id === d.printer_id);
  if (!p) { loadPrinters(); return; }
  p.problem = d.problem; if (d.problem) p.connected = false;
  const el = document.querySelector(`#printers .card.printer[data-id="${CSS.escape(p.id)}"]`);
  if (el) el.outerHTML = card(p);
}
export const printerName = id => (printerState.list.find(p => p.id === id) || { name: id }).name;
