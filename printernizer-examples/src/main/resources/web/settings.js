// The settings tab: automatic job creation, the monitoring interval, the outbox's destinations.
import { $, t, esc, fmt } from './i18n.js';
import { api } from './api.js';
import { printerState } from './printers.js';

export async function loadSettings() {
  const s = await api('/api/settings');
  $('#auto-create').checked = s.job_creation_auto_create;
  $('#interval').value = s.monitoring_interval_seconds;
  $('#per-printer').innerHTML = printerState.list.map(p => {
    const o = s.printer_overrides[p.id];
    const v = o === undefined ? '' : String(o);
    return `<label class="per"><span>${esc(p.name)}</span> <select data-printer="${esc(p.id)}">
      <option value="" ${v === '' ? 'selected' : ''}>${t('settings.inherit')}</option>
      <option value="true" ${v === 'true' ? 'selected' : ''}>${t('settings.on')}</option>
      <option value="false" ${v === 'false' ? 'selected' : ''}>${t('settings.off')}</option></select></label>`;
  }).join('');
}
export async function loadOutbox() {
  try {
    const o = await api('/api/outbox');
    $('#outbox-destinations').innerHTML = o.destinations.length === 0 ? `<p class="hint">${t('outbox.none')}</p>`
      : (o.durable ? '' : `<p class="hint">${t('outbox.memory')}</p>`) + '<ul>' + o.destinations.map(d =>
        `<li><b>${esc(d.name)}</b>: ${d.pending} ${t('outbox.pending')}, ${d.dead} ${t('outbox.deadCount')}</li>`).join('') + '</ul>';
    $('#dead-letters tbody').innerHTML = o.dead_letters.length === 0 ? `<tr><td class="hint">${t('outbox.noDead')}</td></tr>`
      : o.dead_letters.map(d => `<tr><td>${esc(d.destination)}</td><td>${esc(d.event)}</td><td>${fmt(d.at)}</td>
        <td class="error">${esc(d.last_error || '')}</td>
        <td><button class="retry-btn" data-destination="${esc(d.destination)}" data-seq="${d.seq}">${t('outbox.retry')}</button></td></tr>`).join('');
    $('#outbox-error').textContent = '';
  } catch (e) { $('#outbox-error').textContent = e.message; }
}
$('#dead-letters').addEventListener('click', async e => {
  const b = e.target.closest('.retry-btn');
  if (!b) return;
  try {
    await api('/api/outbox/retry', { method: 'POST', body: JSON.stringify({ destination: b.dataset.destination, seq: Number(b.dataset.seq) }) });
  } catch (err) { $('#outbox-error').textContent = err.message; }
  loadOutbox();
});
async function saveSettings(body) {
  try {
    await api('/api/settings', { method: 'PUT', body: JSON.stringify(body) });
    $('#saved').textContent = t('settings.saved') + ' ✓';
  } catch (e) { $('#saved').textContent = e.message; }
}
$('#auto-create').addEventListener('change', e => saveSettings({ job_creation_auto_create: e.target.checked }));
$('#interval').addEventListener('change', e => saveSettings({ monitoring_interval_seconds: Number(e.target.value) }));
$('#per-printer').addEventListener('change', e => {
  const s = e.target.closest('select'); if (!s) return;
  saveSettings({ printer_overrides: { [s.dataset.printer]: s.value === '' ? null : s.value === 'true' } });
});
