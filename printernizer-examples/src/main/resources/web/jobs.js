// The job list: filters, pages, export links, and rows updated from the event stream.
import { $, t, esc, fmt, locale } from './i18n.js';
import { api } from './api.js';
import { openDetail, openEdit } from './detail.js';

const pageSize = 25;
const view = { page: 0 };

function badge(j) {
  if (!j.auto_created) return '';
  const i = j.customer_info || {};
  const tip = `${t('badge.discovery')}: ${fmt(i.discovery_time)}\n${t('badge.printerStart')}: ${fmt(i.printer_start_time)}\n` +
    `${t('badge.startup')}: ${i.discovered_on_startup ? t('yes') : t('no')}` +
    (i.detection === 'BACKFILL' ? `\n${t('badge.backfill')}` : '');
  return `<span class="badge-auto" title="${esc(tip)}">⚡ Auto</span>`;
}
/** The export links download the current filter (every page of it). */
function exportLinks(q) {
  document.querySelectorAll('.export a').forEach(a => {
    const e = new URLSearchParams(q);
    e.delete('offset'); e.delete('limit');
    e.set('format', a.dataset.format);
    a.href = '/api/jobs/export?' + e;
  });
}
function cells(j) {
  return `<td><span class="job-name">${esc(j.name)}</span>${badge(j)}</td><td>${esc(j.printer_name)}</td>
    <td>${esc(t('status.' + j.status))}</td><td>${fmt(j.start_time)}</td>
    <td>${Math.round(j.progress)} %</td><td>${esc(j.business.customer || '')}</td>
    <td class="cost">${j.cost_total == null ? '' : esc(j.cost_total.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + ' ' + (j.cost ? j.cost.currency : ''))}</td>
    <td><button class="detail-btn" data-id="${esc(j.id)}">${t('detail.button')}</button>
      <button class="edit-btn" data-id="${esc(j.id)}">${t('edit.button')}</button></td>`;
}
export async function loadJobs() {
  const q = new URLSearchParams({ offset: view.page * pageSize, limit: pageSize });
  if ($('#f-printer').value) q.set('printer', $('#f-printer').value);
  if ($('#f-status').value) q.set('status', $('#f-status').value);
  if ($('#f-auto').value) q.set('auto', $('#f-auto').value);
  exportLinks(q);
  const r = await api('/api/jobs?' + q);
  $('#jobs tbody').innerHTML = r.items.map(j => `<tr data-id="${esc(j.id)}">${cells(j)}</tr>`).join('');
  $('#page').textContent = r.total === 0 ? '0' : `${r.offset + 1}–${Math.min(r.offset + r.limit, r.total)} / ${r.total}`;
  $('#prev').disabled = view.page === 0; $('#next').disabled = r.offset + r.limit >= r.total;
}

/**
 * A job event's payload: a row on this page is updated in place; a job that is new to the list
 * (created, or now matching the filter) reloads the page, since it may belong on it.
 */
export function applyJob(job) {
  const row = document.querySelector(`#jobs tbody tr[data-id="${CSS.escape(job.id)}"]`);
  const status = $('#f-status').value;
  const fits = (!$('#f-printer').value || $('#f-printer').value === job.printer_id)
    && (!status || status.split(',').includes(job.status))
    && (!$('#f-auto').value || String(job.auto_created) === $('#f-auto').value);
  if (row && fits) row.innerHTML = cells(job);
  else if (row || (fits && view.page === 0)) loadJobs();
}

['#f-printer', '#f-status', '#f-auto'].forEach(s => $(s).addEventListener('change', () => { view.page = 0; loadJobs(); }));
$('#prev').addEventListener('click', () => { view.page--; loadJobs(); });
$('#next').addEventListener('click', () => { view.page++; loadJobs(); });
$('#jobs').addEventListener('click', e => {
  const b = e.target.closest('.edit-btn'); if (b) openEdit(b.dataset.id);
  const d = e.target.closest('.detail-btn'); if (d) openDetail(d.dataset.id);
});
