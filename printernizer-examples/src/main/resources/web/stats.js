// The statistics tab: totals and bar charts drawn as inline SVG (nothing loaded from elsewhere).
import { $, t, esc, locale } from './i18n.js';
import { api } from './api.js';
import { printerName } from './printers.js';

/** A horizontal bar chart drawn as inline SVG: one row per entry, the value at the bar's end. */
function bars(svg, entries, digits) {
  const row = 24, labelW = 150, barW = 260, max = Math.max(0, ...entries.map(e => e.value));
  svg.setAttribute('viewBox', `0 0 ${labelW + barW + 70} ${Math.max(1, entries.length) * row}`);
  svg.setAttribute('height', Math.max(1, entries.length) * row);
  if (entries.length === 0) { svg.innerHTML = `<text x="0" y="16">${esc(t('stats.none'))}</text>`; return; }
  const num = v => v.toLocaleString(locale(), { maximumFractionDigits: digits });
  svg.innerHTML = entries.map((e, i) => {
    const w = max > 0 ? Math.max(1, Math.round(barW * e.value / max)) : 1, y = i * row;
    return `<g><title>${esc(e.label)}: ${num(e.value)}</title>
      <text x="0" y="${y + 16}" class="label">${esc(e.label)}</text>
      <rect x="${labelW}" y="${y + 4}" width="${w}" height="${row - 8}" data-key="${esc(e.key)}" data-value="${e.value}"></rect>
      <text x="${labelW + w + 6}" y="${y + 16}" class="value">${num(e.value)}</text></g>`;
  }).join('');
}
export async function loadStats() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const q = new URLSearchParams({ zone });
  if ($('#s-printer').value) q.set('printer', $('#s-printer').value);
  const s = await api('/api/statistics?' + q);
  $('#s-zone').textContent = `${t('stats.zone')} ${s.zone}`;
  const tt = s.total, num = (v, d) => v.toLocaleString(locale(), { maximumFractionDigits: d });
  const cost = Object.entries(tt.cost).map(([c, v]) => `${num(v, 2)} ${esc(c)}`).join(' · ') || '–';
  $('#totals').innerHTML = [
    ['jobs', num(tt.jobs, 0)], ['success', tt.success_rate == null ? '–' : num(tt.success_rate * 100, 1) + ' %'],
    ['hours', num(tt.printing_hours, 1)], ['filament', num(tt.filament_grams / 1000, 3) + ' kg'], ['cost', cost]
  ].map(([k, v]) => `<div class="card total" data-total="${k}"><small>${t('stats.' + k)}</small><strong>${v}</strong></div>`).join('');
  bars($('#chart-month'), Object.entries(s.by_month).map(([k, v]) => ({ key: k, label: k, value: v.jobs })), 0);
  bars($('#chart-printer'), Object.entries(s.by_printer).map(([k, v]) => ({ key: k, label: printerName(k), value: v.printing_hours })), 2);
  bars($('#chart-status'), Object.entries(s.by_status).map(([k, v]) => ({ key: k, label: t('status.' + k), value: v.jobs })), 0);
  bars($('#chart-material'), Object.entries(s.by_material).map(([k, v]) => ({ key: k, label: k, value: v.grams })), 1);
}

$('#s-printer').addEventListener('change', loadStats);
