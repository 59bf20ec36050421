/** The report's stylesheet: system fonts, readable tables, a two-column chart grid that folds on narrow screens. */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa;
  --pass: #1a7f37; --fail: #cf222e; --best: #fff8c5; --sel: #ddf4ff; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--fg); background: var(--bg); }
header, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.25rem; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1rem; margin: 0 0 6px; }
p { margin: 4px 0 8px; }
code { font: 0.9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
dl.summary { display: flex; flex-wrap: wrap; gap: 4px 24px; margin: 8px 0; }
dl.summary div { display: flex; gap: 6px; }
dl.summary dt { color: var(--muted); }
dl.summary dd { margin: 0; font-weight: 600; }
.verdict-pass { color: var(--pass); }
.verdict-fail { color: var(--fail); }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
table.data { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
table.data caption { caption-side: bottom; text-align: left; color: var(--muted); padding: 6px 8px; font-size: 0.85rem; }
table.data th, table.data td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
table.data thead th { background: var(--panel); font-weight: 600; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
table.data tr.total th, table.data tr.total td { border-top: 2px solid var(--fg); font-weight: 600; }
table.data tr.best { background: var(--best); }
table.data tr.selected th[scope=row] { box-shadow: inset 4px 0 0 #0969da; }
td.pass { color: var(--pass); } td.fail { color: var(--fail); font-weight: 600; } td.na { color: var(--muted); }
td.worse { color: var(--fail); } td.better { color: var(--pass); }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 700; padding: 0 6px; border-radius: 10px;
  background: #bf8700; color: #fff; vertical-align: middle; }
.sub { color: var(--muted); font-size: 0.8rem; font-weight: 400; white-space: normal; min-width: 16rem; max-width: 28rem; }
form.controls { display: flex; flex-wrap: wrap; gap: 12px 20px; align-items: end; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; position: sticky; top: 0; z-index: 5; }
form.controls label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); gap: 2px; }
form.controls select { font: inherit; color: var(--fg); padding: 3px 6px; min-width: 12rem; }
.scope { color: var(--muted); font-size: 0.9rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 16px; margin-top: 12px; }
figure.chart-card { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 12px; background: var(--bg); }
figure.chart-card figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 4px; }
.chart { width: 100%; height: 300px; }
ul.notes { color: var(--muted); font-size: 0.9rem; }
footer { color: var(--muted); font-size: 0.8rem; padding-top: 24px; padding-bottom: 24px; }
`;
