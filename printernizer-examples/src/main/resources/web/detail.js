// A job's detail (timeline, print file, cost breakdown, deliveries) and the edit form.
import { $, t, esc, fmt, locale } from './i18n.js';
import { api } from './api.js';
import { loadJobs } from './jobs.js';

/** The job detail: timeline, print file, filament and the cost breakdown with its rates. */
let detailId = null;
function duration(sec) {
  if (sec == null) return '–';
  const h = Math.floor(sec / 3600), m = Math.floor(sec % 3600 / 60);
  return `${h} h ${String(m).padStart(2, '0')} min`;
}
function money(v, cur) {
  return v == null ? '–' : `${v.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${esc(cur)}`;
}
function row(k, v) { return `<tr><th>${t(k)}</th><td>${v}</td></tr>`; }
export async function openDetail(id) {
  const j = await api('/api/jobs/' + encodeURIComponent(id));
  detailId = id; $('#d-error').textContent = '';
  $('#d-title').textContent = `${j.name} · ${j.printer_name}`;
  const gaps = j.gaps.length === 0 ? t('detail.none')
    : j.gaps.map(g => `${fmt(g.from)} – ${fmt(g.to)}`).join('<br>');
  let html = `<h3>${t('detail.tracking')}</h3><table class="kv">` +
    row('col.status', esc(t('status.' + j.status))) + row('col.start', fmt(j.start_time)) +
    row('detail.end', fmt(j.end_time)) + row('detail.pauses', `${j.pause_count} (${duration(j.paused_seconds)})`) +
    `<tr class="gaps"><th>${t('detail.gaps')}</th><td>${gaps}</td></tr>` +
    (j.close_reason ? row('detail.reason', esc(j.close_reason)) : '') + '</table>';
  const f = j.print_file;
  html += `<h3>${t('detail.file')}</h3>`;
  if (!f) {
    html += `<p class="hint">${t('detail.noFile')}</p>`;
  } else {
    html += '<div id="d-thumb"></div><table class="kv">' + row('detail.slicer', esc(f.slicer || '–')) +
      row('detail.estimate', duration(f.estimated_seconds)) +
      row('detail.layer', f.layer_height_mm == null ? '–' : esc(f.layer_height_mm) + ' mm') + '</table>';
  }
  const c = j.cost;
  html += `<h3>${t('detail.cost')}</h3>`;
  if (!c) {
    html += `<p class="hint">${t('detail.noCost')}</p>`;
  } else {
    html += `<table class="cost-lines"><thead><tr><th>${t('detail.slot')}</th><th>${t('detail.material')}</th>
      <th>g</th><th>${t('detail.price')}</th><th>${t('detail.amount')}</th></tr></thead><tbody>` +
      c.materials.map(m => `<tr><td>${m.slot}</td><td>${esc(m.material || '–')}</td><td>${esc(m.grams)}</td>
        <td>${money(m.price_per_kg, c.currency)}</td><td>${money(m.amount, c.currency)}</td></tr>`).join('') +
      '</tbody></table><table class="kv">' +
      row('detail.printing', duration(c.printing_seconds)) +
      row('detail.energy', c.energy == null ? '–' : `${esc(c.energy_kwh)} kWh · ${money(c.energy, c.currency)}`) +
      row('detail.wear', money(c.wear, c.currency)) +
      `<tr class="total"><th>${t('detail.total')}</th><td data-total="${c.total}">${money(c.total, c.currency)}</td></tr></table>`;
  }
  const b = j.business;
  html += `<h3>${t('detail.business')}</h3><table class="kv business">` +
    row('edit.customer', esc(b.customer || '–')) + row('edit.business', b.business ? '✓' : '–') +
    row('edit.cost', b.material_cost == null ? '–' : esc(b.material_cost)) +
    row('edit.notes', esc(b.notes || '–')) + '</table>';
  const ds = await api('/api/jobs/' + encodeURIComponent(id) + '/deliveries').catch(() => []);
  if (ds.length > 0) {
    html += `<h3>${t('detail.deliveries')}</h3><table class="deliveries">` + ds.map(d => `<tr><td>${esc(d.destination)}</td>
      <td>${esc(d.event)}</td><td>${esc(t('delivery.' + d.state))}</td><td class="hint">${esc(d.memo || d.last_error || '')}</td></tr>`).join('') + '</table>';
  }
  $('#d-body').innerHTML = html;
  if (f) { // the picture, when the file had one (404 otherwise: nothing is shown)
    const img = document.createElement('img');
    img.className = 'thumb'; img.alt = t('detail.thumbnail'); img.title = t('detail.thumbnail');
    img.addEventListener('error', () => img.remove());
    img.src = '/api/jobs/' + encodeURIComponent(id) + '/thumbnail?v=' + j.version;
    $('#d-thumb').append(img);
  }
  $('#d-recompute').disabled = !['completed', 'failed', 'cancelled', 'interrupted'].includes(j.status);
  if (!$('#detail').open) $('#detail').showModal();
}
$('#d-edit').addEventListener('click', () => openEdit(detailId));
$('#d-recompute').addEventListener('click', async () => {
  try { await api('/api/jobs/' + encodeURIComponent(detailId) + '/cost', { method: 'POST' }); openDetail(detailId); loadJobs(); }
  catch (e) { $('#d-error').textContent = e.message; }
});

let editing = null;
export async function openEdit(id) {
  const j = await api('/api/jobs/' + encodeURIComponent(id));
  editing = id; const f = $('#edit-form');
  f.customer.value = j.business.customer || ''; f.business.checked = j.business.business;
  f.material_cost.value = j.business.material_cost == null ? '' : j.business.material_cost;
  f.notes.value = j.business.notes || ''; $('#edit-error').textContent = '';
  $('#edit').showModal();
}
$('#edit-form').addEventListener('submit', async ev => {
  if (ev.submitter && ev.submitter.value !== 'save') return;
  ev.preventDefault(); const f = $('#edit-form');
  const body = { customer: f.customer.value || null, business: f.business.checked,
    material_cost: f.material_cost.value === '' ? null : Number(f.material_cost.value), notes: f.notes.value || null };
  try { await api('/api/jobs/' + encodeURIComponent(editing), { method: 'PATCH', body: JSON.stringify(body) });
    $('#edit').close(); loadJobs(); if ($('#detail').open && detailId === editing) openDetail(detailId); }
  catch (e) { $('#edit-error').textContent = e.message; }
});
