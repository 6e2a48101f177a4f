// The Printernizer reference UI: no build step, no external files; ES modules from this server.
import { $, t, esc, setLang, translate } from './i18n.js';
import { reportFailure, clearFailure } from './api.js';
import { loadPrinters, rerenderPrinters, applyPrinterState, applyPrinterProblem } from './printers.js';
import { loadJobs, applyJob } from './jobs.js';
import { loadStats } from './stats.js';
import { loadSettings, loadOutbox } from './settings.js';
import { loadPrinterConfigs } from './printers-admin.js';

// What the content security policy refused (the browser tests expect none).
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
// A server with a token asks for it in a form (never in the URL); it answers a session cookie
// that the browser sends by itself, also for pictures, downloads and the event stream.
localStorage.removeItem('printernizer.token'); // older versions kept it here

function toast(html) {
  const d = document.createElement('div'); d.className = 'toast'; d.innerHTML = html;
  $('#toasts').appendChild(d); setTimeout(() => d.remove(), 8000);
}
/** The event stream updates what it carries in place; only what is new is fetched. */
function listen() {
  const es = new EventSource('/api/events');
  es.addEventListener('open', () => clearFailure('events'));
  es.addEventListener('error', () => reportFailure('events', t('events.lost')));
  es.addEventListener('job_auto_created', e => {
    const d = JSON.parse(e.data);
    toast(`⚡ ${t('toast.created')}<small>${esc(d.file_name)} ${t('toast.on')} ${esc(d.printer_name)}` +
      `${d.discovered_on_startup ? ' · ' + t('toast.startup') : ''}</small>`);
    applyJob(d.job); loadPrinters(); // the card shows the new print's file
  });
  ['job_adopted', 'job_status_changed', 'job_closed'].forEach(type =>
    es.addEventListener(type, e => applyJob(JSON.parse(e.data).job)));
  es.addEventListener('printer_state_changed', e => applyPrinterState(JSON.parse(e.data)));
  es.addEventListener('printer_connection_problem', e => applyPrinterProblem(JSON.parse(e.data)));
}

// Each tab is a URL (#/jobs, #/stats, #/settings): reload, links and back/forward keep the page.
const VIEWS = ['dashboard', 'jobs', 'stats', 'settings'];
function show(view) {
  if (!VIEWS.includes(view)) view = 'dashboard';
  document.querySelectorAll('.tab').forEach(x => x.classList.toggle('active', x.dataset.view === view));
  document.querySelectorAll('.view').forEach(v => v.classList.toggle('hidden', v.id !== 'view-' + view));
  if (view === 'settings') { loadSettings(); loadOutbox(); loadPrinterConfigs(); }
  if (view === 'jobs') loadJobs();
  if (view === 'stats') loadStats();
}
const viewOfUrl = () => location.hash.replace(/^#\/?/, '') || 'dashboard';
document.querySelectorAll('.tab').forEach(b => b.addEventListener('click', () => {
  if (viewOfUrl() === b.dataset.view) show(b.dataset.view);
  else location.hash = '#/' + b.dataset.view; // hashchange shows it
}));
window.addEventListener('hashchange', () => show(viewOfUrl()));
$('#lang').addEventListener('change', () => {
  setLang($('#lang').value); translate(); rerenderPrinters(); loadJobs();
  if (!$('#view-stats').classList.contains('hidden')) loadStats();
  if (!$('#view-settings').classList.contains('hidden')) loadPrinterConfigs();
});

translate();
loadPrinters().catch(() => {}).then(() => { loadJobs().catch(() => {}); show(viewOfUrl()); });
listen();
setInterval(() => loadPrinters().catch(() => {}), 5000); // progress is not on the event stream
