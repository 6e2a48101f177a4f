'use strict';
// The Printernizer reference UI: no build step, no external files.
// What the content security policy refused (the browser tests expect none).
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
const I18N = {
  de: {
    'nav.dashboard': 'Übersicht', 'nav.jobs': 'Aufträge', 'nav.settings': 'Einstellungen', 'nav.stats': 'Statistik',
    'stats.byMonth': 'Aufträge pro Monat', 'stats.byPrinter': 'Druckstunden pro Drucker',
    'stats.byStatus': 'Aufträge nach Ergebnis', 'stats.byMaterial': 'Filament nach Material (g)',
    'stats.jobs': 'Aufträge', 'stats.success': 'Erfolgsquote', 'stats.hours': 'Druckstunden',
    'stats.filament': 'Filament', 'stats.cost': 'Kosten', 'stats.zone': 'Monate in der Zeitzone', 'stats.none': 'keine Daten',
    'filter.allPrinters': 'Alle Drucker', 'filter.allStatus': 'Alle Status', 'filter.active': 'Aktiv',
    'filter.allOrigins': 'Automatisch und manuell', 'filter.auto': 'Nur automatisch', 'filter.manual': 'Nur manuell',
    'col.name': 'Auftrag', 'col.printer': 'Drucker', 'col.status': 'Status', 'col.start': 'Start',
    'col.progress': 'Fortschritt', 'col.customer': 'Kunde', 'col.cost': 'Kosten',
    'export.excel': 'Excel (CSV)', 'export.csv': 'CSV', 'export.jsonl': 'JSON Lines',
    'status.planned': 'Geplant', 'status.running': 'Läuft', 'status.paused': 'Pausiert',
    'status.completed': 'Abgeschlossen', 'status.failed': 'Fehlgeschlagen', 'status.cancelled': 'Abgebrochen',
    'status.interrupted': 'Unterbrochen',
    'settings.autoTitle': 'Automatische Auftrags-Erstellung',
    'settings.autoLabel': 'Aufträge automatisch anlegen, sobald ein Druck startet',
    'settings.autoHint': 'Änderungen werden sofort gespeichert und wirken ohne Neustart.',
    'settings.perPrinter': 'Pro Drucker', 'settings.interval': 'Abfrageintervall (Sekunden)',
    'settings.inherit': 'wie global', 'settings.on': 'an', 'settings.off': 'aus', 'settings.saved': 'Gespeichert',
    'edit.title': 'Auftrag bearbeiten', 'edit.customer': 'Kunde', 'edit.business': 'Geschäftlich',
    'edit.cost': 'Materialkosten (€)', 'edit.notes': 'Notizen', 'edit.cancel': 'Abbrechen', 'edit.save': 'Speichern',
    'login.title': 'Anmelden', 'login.token': 'Zugangs-Token dieses Servers', 'login.submit': 'Anmelden',
    'detail.button': 'Details', 'detail.recompute': 'Kosten neu berechnen', 'detail.close': 'Schließen',
    'detail.tracking': 'Verlauf', 'detail.file': 'Druckdatei', 'detail.cost': 'Kosten', 'detail.end': 'Ende',
    'detail.printing': 'Druckzeit', 'detail.pauses': 'Pausen', 'detail.gaps': 'Verbindungslücken',
    'detail.reason': 'Grund', 'detail.slicer': 'Slicer', 'detail.estimate': 'Geschätzt', 'detail.layer': 'Schichthöhe',
    'detail.slot': 'Slot', 'detail.material': 'Material', 'detail.planned': 'Geplant', 'detail.used': 'Verbraucht',
    'detail.price': 'Preis/kg', 'detail.amount': 'Betrag', 'detail.energy': 'Energie', 'detail.wear': 'Verschleiß',
    'detail.total': 'Summe', 'detail.noCost': 'Keine Kosten (noch offen oder keine Preise gesetzt)',
    'detail.noFile': 'Die Druckdatei wurde (noch) nicht gelesen', 'detail.none': 'keine',
    'detail.thumbnail': 'Vorschaubild aus der Druckdatei', 'detail.business': 'Geschäftsdaten',
    'edit.button': 'Bearbeiten',
    'outbox.title': 'Benachrichtigungen', 'outbox.dead': 'Nicht zugestellt', 'outbox.none': 'Keine Ziele eingerichtet (notifications: in config.yaml)',
    'outbox.pending': 'ausstehend', 'outbox.deadCount': 'nicht zugestellt', 'outbox.retry': 'Erneut senden',
    'outbox.noDead': 'keine', 'outbox.memory': 'Nur im Speicher: geht bei einem Neustart verloren',
    'detail.deliveries': 'Benachrichtigungen', 'delivery.delivered': 'zugestellt', 'delivery.pending': 'ausstehend', 'delivery.dead': 'nicht zugestellt',
    'toast.created': 'Auftrag automatisch erstellt', 'toast.on': 'auf', 'toast.startup': 'beim Start entdeckt',
    'badge.discovery': 'Entdeckt', 'badge.printerStart': 'Druckerstart', 'badge.startup': 'Beim Start entdeckt',
    'yes': 'ja', 'no': 'nein', 'offline': 'nicht erreichbar', 'noPrint': 'kein Druck',
    'problem.authentication_refused': 'Zugangscode abgelehnt',
    'problem.certificate_not_trusted': 'Zertifikat nicht vertrauenswürdig',
    'problem.unreachable': 'nicht erreichbar', 'problem.timed_out': 'antwortet nicht (Zeitüberschreitung)',
    'problem.protocol_error': 'unverständliche Antwort (Protokollfehler)',
    'problem.oversized_message': 'Nachricht zu groß, Verbindung getrennt',
    'problem.connection_limit': 'zu viele Verbindungen zum Drucker',
    'problem.since': 'seit', 'problem.retry': 'nächster Versuch', 'problem.store': 'Aufträge können nicht gespeichert werden',
    'problem.badInputs': 'unlesbare Antworten'
  },
  en: {
    'nav.dashboard': 'Dashboard', 'nav.jobs': 'Jobs', 'nav.settings': 'Settings', 'nav.stats': 'Statistics',
    'stats.byMonth': 'Jobs per month', 'stats.byPrinter': 'Printing hours per printer',
    'stats.byStatus': 'Jobs by outcome', 'stats.byMaterial': 'Filament by material (g)',
    'stats.jobs': 'Jobs', 'stats.success': 'Success rate', 'stats.hours': 'Printing hours',
    'stats.filament': 'Filament', 'stats.cost': 'Cost', 'stats.zone': 'Months in the time zone', 'stats.none': 'no data',
    'filter.allPrinters': 'All printers', 'filter.allStatus': 'All statuses', 'filter.active': 'Active',
    'filter.allOrigins': 'Automatic and manual', 'filter.auto': 'Automatic only', 'filter.manual': 'Manual only',
    'col.name': 'Job', 'col.printer': 'Printer', 'col.status': 'Status', 'col.start': 'Start',
    'col.progress': 'Progress', 'col.customer': 'Customer', 'col.cost': 'Cost',
    'export.excel': 'Excel (CSV)', 'export.csv': 'CSV', 'export.jsonl': 'JSON Lines',
    'status.planned': 'Planned', 'status.running': 'Running', 'status.paused': 'Paused',
    'status.completed': 'Completed', 'status.failed': 'Failed', 'status.cancelled': 'Cancelled',
    'status.interrupted': 'Interrupted',
    'settings.autoTitle': 'Automatic job creation',
    'settings.autoLabel': 'Create jobs automatically when a print starts',
    'settings.autoHint': 'Changes are saved at once and apply without a restart.',
    'settings.perPrinter': 'Per printer', 'settings.interval': 'Monitoring interval (seconds)',
    'settings.inherit': 'as global', 'settings.on': 'on', 'settings.off': 'off', 'settings.saved': 'Saved',
    'edit.title': 'Edit job', 'edit.customer': 'Customer', 'edit.business': 'Business',
    'edit.cost': 'Material cost (€)', 'edit.notes': 'Notes', 'edit.cancel': 'Cancel', 'edit.save': 'Save',
    'login.title': 'Sign in', 'login.token': "This server's access token", 'login.submit': 'Sign in',
    'detail.button': 'Details', 'detail.recompute': 'Recompute cost', 'detail.close': 'Close',
    'detail.tracking': 'Timeline', 'detail.file': 'Print file', 'detail.cost': 'Cost', 'detail.end': 'End',
    'detail.printing': 'Printing time', 'detail.pauses': 'Pauses', 'detail.gaps': 'Connection gaps',
    'detail.reason': 'Reason', 'detail.slicer': 'Slicer', 'detail.estimate': 'Estimate', 'detail.layer': 'Layer height',
    'detail.slot': 'Slot', 'detail.material': 'Material', 'detail.planned': 'Planned', 'detail.used': 'Used',
    'detail.price': 'Price/kg', 'detail.amount': 'Amount', 'detail.energy': 'Energy', 'detail.wear': 'Wear',
    'detail.total': 'Total', 'detail.noCost': 'No cost (still open, or no prices set)',
    'detail.noFile': 'The print file has not been read (yet)', 'detail.none': 'none',
    'detail.thumbnail': 'Thumbnail from the print file', 'detail.business': 'Business fields',
    'edit.button': 'Edit',
    'outbox.title': 'Notifications', 'outbox.dead': 'Not delivered', 'outbox.none': 'No destinations set up (notifications: in config.yaml)',
    'outbox.pending': 'pending', 'outbox.deadCount': 'not delivered', 'outbox.retry': 'Send again',
    'outbox.noDead': 'none', 'outbox.memory': 'In memory only: lost on a restart',
    'detail.deliveries': 'Notifications', 'delivery.delivered': 'delivered', 'delivery.pending': 'pending', 'delivery.dead': 'not delivered',
    'toast.created': 'Job created automatically', 'toast.on': 'on', 'toast.startup': 'discovered on startup',
    'badge.discovery': 'Discovered', 'badge.printerStart': 'Printer start', 'badge.startup': 'Discovered on startup',
    'yes': 'yes', 'no': 'no', 'offline': 'unreachable', 'noPrint': 'not printing',
    'problem.authentication_refused': 'access code refused',
    'problem.certificate_not_trusted': 'certificate not trusted',
    'problem.unreachable': 'unreachable', 'problem.timed_out': 'not answering (timed out)',
    'problem.protocol_error': 'unreadable answer (protocol error)',
    'problem.oversized_message': 'message too large, disconnected',
    'problem.connection_limit': 'too many connections to the printer',
    'problem.since': 'since', 'problem.retry': 'next retry', 'problem.store': 'jobs cannot be saved',
    'problem.badInputs': 'unreadable answers'
  }
};
let lang = localStorage.getItem('printernizer.lang') || 'de';
// A server with a token asks for it in a form (never in the URL); it answers a session cookie
// that the browser sends by itself, also for pictures, downloads and the event stream.
localStorage.removeItem('printernizer.token'); // older versions kept it here
const t = k => (I18N[lang] && I18N[lang][k]) || I18N.de[k] || k;
const $ = s => document.querySelector(s);
let page = 0; const pageSize = 25; let printers = [];

function fmt(iso) {
  if (!iso) return '–';
  return new Date(iso).toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}
function esc(s) { return String(s == null ? '' : s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c])); }
async function api(path, opts = {}) {
  const headers = { 'Content-Type': 'application/json' };
  const r = await fetch(path, Object.assign({ headers, credentials: 'same-origin' }, opts));
  if (r.status === 204) return null;
  const body = await r.json();
  if (r.status === 401 && path !== '/api/session') signIn();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}
function signIn() {
  const d = $('#login');
  if (!d.open) { $('#login-error').textContent = ''; d.showModal(); }
}
$('#login-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  try {
    await api('/api/session', { method: 'POST', body: JSON.stringify({ token: $('#login-form').token.value }) });
    location.reload(); // everything again, now signed in
  } catch (e) { $('#login-error').textContent = e.message; }
});
function translate() {
  document.documentElement.lang = lang;
  document.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
  $('#lang').value = lang;
}

function offlineText(p) {
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

async function loadPrinters() {
  printers = await api('/api/printers');
  $('#printers').innerHTML = printers.map(p => {
    const pct = p.progress == null ? 0 : Math.round(p.progress);
    const active = p.state === 'PRINTING' || p.state === 'PAUSED';
    return `<div class="card printer" data-id="${esc(p.id)}"><h3>${esc(p.name)}</h3>
      <span class="state ${esc(p.state)}">${esc(p.connected ? p.state : offlineText(p))}</span>
      ${problemLine(p)}
      <div class="file">${esc(active ? p.file_name : t('noPrint'))}</div>
      <div class="bar"><div data-pct="${active ? pct : 0}"></div></div>
      <small>${active ? pct + ' %' : ''}</small></div>`;
  }).join('');
  // widths through the CSSOM: the content security policy refuses inline style attributes
  for (const b of document.querySelectorAll('#printers .bar > div[data-pct]')) b.style.width = b.dataset.pct + '%';
  const sel = $('#f-printer'); const cur = sel.value;
  sel.innerHTML = `<option value="">${t('filter.allPrinters')}</option>` +
    printers.map(p => `<option value="${esc(p.id)}">${esc(p.name)}</option>`).join('');
  sel.value = cur;
  const ss = $('#s-printer'); const scur = ss.value;
  ss.innerHTML = `<option value="">${t('filter.allPrinters')}</option>` +
    printers.map(p => `<option value="${esc(p.id)}">${esc(p.name)}</option>`).join('');
  ss.value = scur;
}

function badge(j) {
  if (!j.auto_created) return '';
  const i = j.customer_info || {};
  const tip = `${t('badge.discovery')}: ${fmt(i.discovery_time)}\n${t('badge.printerStart')}: ${fmt(i.printer_start_time)}\n` +
    `${t('badge.startup')}: ${i.discovered_on_startup ? t('yes') : t('no')}`;
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
async function loadJobs() {
  const q = new URLSearchParams({ offset: page * pageSize, limit: pageSize });
  if ($('#f-printer').value) q.set('printer', $('#f-printer').value);
  if ($('#f-status').value) q.set('status', $('#f-status').value);
  if ($('#f-auto').value) q.set('auto', $('#f-auto').value);
  exportLinks(q);
  const r = await api('/api/jobs?' + q);
  $('#jobs tbody').innerHTML = r.items.map(j => `<tr data-id="${esc(j.id)}">
    <td><span class="job-name">${esc(j.name)}</span>${badge(j)}</td><td>${esc(j.printer_name)}</td>
    <td>${esc(t('status.' + j.status))}</td><td>${fmt(j.start_time)}</td>
    <td>${Math.round(j.progress)} %</td><td>${esc(j.business.customer || '')}</td>
    <td class="cost">${j.cost_total == null ? '' : esc(j.cost_total.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + ' ' + (j.cost ? j.cost.currency : ''))}</td>
    <td><button class="detail-btn" data-id="${esc(j.id)}">${t('detail.button')}</button>
      <button class="edit-btn" data-id="${esc(j.id)}">${t('edit.button')}</button></td></tr>`).join('');
  $('#page').textContent = r.total === 0 ? '0' : `${r.offset + 1}–${Math.min(r.offset + r.limit, r.total)} / ${r.total}`;
  $('#prev').disabled = page === 0; $('#next').disabled = r.offset + r.limit >= r.total;
}

async function loadSettings() {
  const s = await api('/api/settings');
  $('#auto-create').checked = s.job_creation_auto_create;
  $('#interval').value = s.monitoring_interval_seconds;
  $('#per-printer').innerHTML = printers.map(p => {
    const o = s.printer_overrides[p.id];
    const v = o === undefined ? '' : String(o);
    return `<label class="per"><span>${esc(p.name)}</span> <select data-printer="${esc(p.id)}">
      <option value="" ${v === '' ? 'selected' : ''}>${t('settings.inherit')}</option>
      <option value="true" ${v === 'true' ? 'selected' : ''}>${t('settings.on')}</option>
      <option value="false" ${v === 'false' ? 'selected' : ''}>${t('settings.off')}</option></select></label>`;
  }).join('');
}
async function loadOutbox() {
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

/** A horizontal bar chart drawn as inline SVG: one row per entry, the value at the bar's end. */
function bars(svg, entries, digits) {
  const row = 24, labelW = 150, barW = 260, max = Math.max(0, ...entries.map(e => e.value));
  svg.setAttribute('viewBox', `0 0 ${labelW + barW + 70} ${Math.max(1, entries.length) * row}`);
  svg.setAttribute('height', Math.max(1, entries.length) * row);
  if (entries.length === 0) { svg.innerHTML = `<text x="0" y="16">${esc(t('stats.none'))}</text>`; return; }
  const num = v => v.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: digits });
  svg.innerHTML = entries.map((e, i) => {
    const w = max > 0 ? Math.max(1, Math.round(barW * e.value / max)) : 1, y = i * row;
    return `<g><title>${esc(e.label)}: ${num(e.value)}</title>
      <text x="0" y="${y + 16}" class="label">${esc(e.label)}</text>
      <rect x="${labelW}" y="${y + 4}" width="${w}" height="${row - 8}" data-key="${esc(e.key)}" data-value="${e.value}"></rect>
      <text x="${labelW + w + 6}" y="${y + 16}" class="value">${num(e.value)}</text></g>`;
  }).join('');
}
async function loadStats() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const q = new URLSearchParams({ zone });
  if ($('#s-printer').value) q.set('printer', $('#s-printer').value);
  const s = await api('/api/statistics?' + q);
  $('#s-zone').textContent = `${t('stats.zone')} ${s.zone}`;
  const tt = s.total, num = (v, d) => v.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: d });
  const cost = Object.entries(tt.cost).map(([c, v]) => `${num(v, 2)} ${esc(c)}`).join(' · ') || '–';
  $('#totals').innerHTML = [
    ['jobs', num(tt.jobs, 0)], ['success', tt.success_rate == null ? '–' : num(tt.success_rate * 100, 1) + ' %'],
    ['hours', num(tt.printing_hours, 1)], ['filament', num(tt.filament_grams / 1000, 3) + ' kg'], ['cost', cost]
  ].map(([k, v]) => `<div class="card total" data-total="${k}"><small>${t('stats.' + k)}</small><strong>${v}</strong></div>`).join('');
  const name = id => (printers.find(p => p.id === id) || { name: id }).name;
  bars($('#chart-month'), Object.entries(s.by_month).map(([k, v]) => ({ key: k, label: k, value: v.jobs })), 0);
  bars($('#chart-printer'), Object.entries(s.by_printer).map(([k, v]) => ({ key: k, label: name(k), value: v.printing_hours })), 2);
  bars($('#chart-status'), Object.entries(s.by_status).map(([k, v]) => ({ key: k, label: t('status.' + k), value: v.jobs })), 0);
  bars($('#chart-material'), Object.entries(s.by_material).map(([k, v]) => ({ key: k, label: k, value: v.grams })), 1);
}

/** The job detail: timeline, print file, filament and the cost breakdown with its rates. */
let detailId = null;
function duration(sec) {
  if (sec == null) return '–';
  const h = Math.floor(sec / 3600), m = Math.floor(sec % 3600 / 60);
  return `${h} h ${String(m).padStart(2, '0')} min`;
}
function money(v, cur) {
  return v == null ? '–' : `${v.toLocaleString(lang === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${esc(cur)}`;
}
function row(k, v) { return `<tr><th>${t(k)}</th><td>${v}</td></tr>`; }
async function openDetail(id) {
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
async function openEdit(id) {
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

function toast(html) {
  const d = document.createElement('div'); d.className = 'toast'; d.innerHTML = html;
  $('#toasts').appendChild(d); setTimeout(() => d.remove(), 8000);
}
function listen() {
  const es = new EventSource('/api/events');
  es.addEventListener('job_auto_created', e => {
    const d = JSON.parse(e.data);
    toast(`⚡ ${t('toast.created')}<small>${esc(d.file_name)} ${t('toast.on')} ${esc(d.printer_name)}` +
      `${d.discovered_on_startup ? ' · ' + t('toast.startup') : ''}</small>`);
    loadJobs(); loadPrinters();
  });
  ['job_adopted', 'job_status_changed', 'job_closed', 'printer_state_changed', 'printer_connection_problem'].forEach(type =>
    es.addEventListener(type, () => { loadJobs(); loadPrinters(); }));
}

// Each tab is a URL (#/jobs, #/stats, #/settings): reload, links and back/forward keep the page.
const VIEWS = ['dashboard', 'jobs', 'stats', 'settings'];
function show(view) {
  if (!VIEWS.includes(view)) view = 'dashboard';
  document.querySelectorAll('.tab').forEach(x => x.classList.toggle('active', x.dataset.view === view));
  document.querySelectorAll('.view').forEach(v => v.classList.toggle('hidden', v.id !== 'view-' + view));
  if (view === 'settings') { loadSettings(); loadOutbox(); }
  if (view === 'jobs') loadJobs();
  if (view === 'stats') loadStats();
}
const viewOfUrl = () => location.hash.replace(/^#\/?/, '') || 'dashboard';
document.querySelectorAll('.tab').forEach(b => b.addEventListener('click', () => {
  if (viewOfUrl() === b.dataset.view) show(b.dataset.view);
  else location.hash = '#/' + b.dataset.view; // hashchange shows it
}));
window.addEventListener('hashchange', () => show(viewOfUrl()));
$('#s-printer').addEventListener('change', loadStats);
$('#lang').addEventListener('change', () => {
  lang = $('#lang').value; localStorage.setItem('printernizer.lang', lang); translate(); loadPrinters(); loadJobs();
  if (!$('#view-stats').classList.contains('hidden')) loadStats();
});
['#f-printer', '#f-status', '#f-auto'].forEach(s => $(s).addEventListener('change', () => { page = 0; loadJobs(); }));
$('#prev').addEventListener('click', () => { page--; loadJobs(); });
$('#next').addEventListener('click', () => { page++; loadJobs(); });
$('#jobs').addEventListener('click', e => {
  const b = e.target.closest('.edit-btn'); if (b) openEdit(b.dataset.id);
  const d = e.target.closest('.detail-btn'); if (d) openDetail(d.dataset.id);
});
$('#auto-create').addEventListener('change', e => saveSettings({ job_creation_auto_create: e.target.checked }));
$('#interval').addEventListener('change', e => saveSettings({ monitoring_interval_seconds: Number(e.target.value) }));
$('#per-printer').addEventListener('change', e => {
  const s = e.target.closest('select'); if (!s) return;
  saveSettings({ printer_overrides: { [s.dataset.printer]: s.value === '' ? null : s.value === 'true' } });
});

translate(); loadPrinters().then(() => { loadJobs(); show(viewOfUrl()); }); listen();
setInterval(loadPrinters, 5000);
