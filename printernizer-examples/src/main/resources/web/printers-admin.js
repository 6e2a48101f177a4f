// Settings → Drucker: printers added in the UI are added, tested, edited and removed here;
// those of config.yaml are listed and changed there.
import { $, t, esc } from './i18n.js';
import { api } from './api.js';
import { loadPrinters } from './printers.js';

let configs = [];
let editingId = null;

export async function loadPrinterConfigs() {
  try {
    configs = await api('/api/printers/config');
    $('#printer-admin tbody').innerHTML = configs.length === 0 ? `<tr><td class="hint">${t('printers.none')}</td></tr>`
      : configs.map(p => `<tr data-id="${esc(p.id)}"><td>${esc(p.name)}</td><td><code>${esc(p.id)}</code></td>
        <td>${esc(p.type)}</td><td>${esc(p.host || '')}${p.port ? ':' + esc(p.port) : ''}</td><td>${p.source === 'ui'
          ? `<button class="printer-edit" data-id="${esc(p.id)}">${t('printers.edit')}</button>
             <button class="printer-remove" data-id="${esc(p.id)}">${t('printers.remove')}</button>`
          : `<span class="hint">${t('printers.fromConfig')}</span>`}</td></tr>`).join('');
    $('#printer-admin-error').textContent = '';
  } catch (e) { $('#printer-admin-error').textContent = e.message; }
}

function showFields() {
  const type = $('#printer-form').type.value;
  document.querySelectorAll('#printer-form [data-for]').forEach(l => { l.hidden = l.dataset.for !== type; });
}
function openDialog(p) {
  const f = $('#printer-form');
  editingId = p ? p.id : null;
  f.reset();
  f.id.value = p ? p.id : ''; f.id.readOnly = !!p;
  f.name.value = p ? p.name : ''; f.type.value = p ? p.type : 'prusa';
  f.host.value = p && p.host ? p.host : ''; f.port.value = p && p.port ? p.port : '';
  f.serial.value = p && p.serial ? p.serial : ''; f.username.value = p && p.username ? p.username : '';
  f.auth.value = p && p.options && p.options.auth === 'apikey' ? 'apikey' : 'password';
  f.power_watts.value = p && p.power_watts ? p.power_watts : '';
  f.secret.placeholder = p && p.has_secret ? t('printers.secretKeep') : '';
  $('#pd-title').textContent = t(p ? 'printers.dialogEdit' : 'printers.dialogAdd');
  $('#pd-result').textContent = ''; $('#pd-error').textContent = '';
  showFields();
  $('#printer-dialog').showModal();
}
function body() {
  const f = $('#printer-form');
  const type = f.type.value;
  const b = { id: f.id.value.trim(), name: f.name.value.trim() || null, type, host: f.host.value.trim() || null,
    port: f.port.value === '' ? null : Number(f.port.value),
    serial: type === 'bambu' ? f.serial.value.trim() || null : null,
    username: type === 'prusa' ? f.username.value.trim() || null : null,
    power_watts: f.power_watts.value === '' ? null : Number(f.power_watts.value) };
  if (type === 'prusa') b.auth = f.auth.value;
  if (f.secret.value) b.secret = f.secret.value;
  return b;
}

$('#printer-add').addEventListener('click', () => openDialog(null));
$('#printer-form').type.addEventListener('change', showFields);
$('#printer-admin').addEventListener('click', async e => {
  const edit = e.target.closest('.printer-edit');
  if (edit) openDialog(configs.find(p => p.id === edit.dataset.id));
  const remove = e.target.closest('.printer-remove');
  if (remove && confirm(t('printers.confirmRemove'))) {
    try { await api('/api/printers/' + encodeURIComponent(remove.dataset.id), { method: 'DELETE' }); }
    catch (err) { $('#printer-admin-error').textContent = err.message; }
    loadPrinterConfigs(); loadPrinters();
  }
});
$('#pd-test').addEventListener('click', async () => {
  $('#pd-error').textContent = ''; $('#pd-result').textContent = t('printers.testing');
  try {
    const r = await api('/api/printers/test', { method: 'POST', body: JSON.stringify(body()) });
    $('#pd-result').textContent = r.ok ? `✓ ${t('printers.testOk')} (${t('state.' + r.state)})`
      : `✗ ${t('printers.testFailed')}: ${r.problem ? t('problem.' + r.problem.kind) + ' – ' + r.problem.detail : r.detail || ''}`;
    $('#pd-result').className = r.ok ? 'ok' : 'error';
  } catch (err) { $('#pd-result').textContent = ''; $('#pd-error').textContent = err.message; }
});
$('#printer-form').addEventListener('submit', async ev => {
  if (ev.submitter && ev.submitter.value !== 'save') return;
  ev.preventDefault();
  try {
    await api(editingId ? '/api/printers/' + encodeURIComponent(editingId) : '/api/printers',
      { method: editingId ? 'PUT' : 'POST', body: JSON.stringify(body()) });
    $('#printer-dialog').close();
    loadPrinterConfigs(); loadPrinters();
  } catch (err) { $('#pd-error').textContent = err.message; }
});
