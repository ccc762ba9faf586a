/** The page's style: system fonts, compact tables, colour only where it carries meaning. */
export const PAGE_STYLE = String.raw`:root {
  --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #ffffff; --panel: #f6f8fa; --accent: #0969da;
  --ins: #1a7f37; --ins-bg: #dafbe1; --rej: #cf222e; --rej-bg: #ffebe9; --upd: #9a6700; --chg-bg: #fff1a8;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg);
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; }
header { display: flex; gap: 16px; align-items: center; padding: 10px 20px; border-bottom: 1px solid var(--line); background: var(--panel); position: sticky; top: 0; z-index: 2; }
h1 { font-size: 18px; margin: 0; letter-spacing: .02em; }
h2 { font-size: 14px; margin: 0 0 8px; }
select, input, button { font: inherit; }
select, input { padding: 3px 6px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); }
button { padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--bg); cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--accent); color: var(--accent); }
button:disabled { opacity: .45; cursor: default; }
.muted { color: var(--muted); }
#status { margin-left: auto; }
#status.error { color: var(--rej); font-weight: 600; }
#token-form { padding: 10px 20px; background: var(--rej-bg); display: flex; gap: 8px; align-items: center; }
main { display: grid; grid-template-columns: 320px minmax(0, 1fr); min-height: calc(100vh - 50px); }
aside { border-right: 1px solid var(--line); padding: 14px; background: var(--panel); overflow-y: auto; max-height: calc(100vh - 50px); position: sticky; top: 50px; }
section { padding: 14px 20px; min-width: 0; }
.timeline { list-style: none; margin: 0; padding: 0 0 0 14px; border-left: 2px solid var(--line); }
.timeline li { position: relative; padding: 6px 8px 8px; margin: 0 0 6px; border-radius: 6px; }
.timeline li::before { content: ""; position: absolute; left: -21px; top: 11px; width: 10px; height: 10px; border-radius: 50%; background: var(--bg); border: 2px solid var(--muted); }
.timeline li.newest::before { background: var(--accent); border-color: var(--accent); }
.timeline li.is-from { background: var(--rej-bg); }
.timeline li.is-to { background: var(--ins-bg); }
.timeline .id { font: 11px ui-monospace, SFMono-Regular, Menlo, monospace; }
.timeline .counts { font-variant-numeric: tabular-nums; }
.timeline .actions { margin-top: 3px; display: flex; gap: 4px; }
.timeline .actions button { padding: 0 7px; font-size: 12px; }
.timeline .actions button.active { background: var(--fg); border-color: var(--fg); color: #fff; }
.timeline .when { display: flex; align-items: baseline; gap: 6px; }
.timeline .when .tz { font-size: 11px; color: var(--muted); }
.tag { margin-left: auto; font-size: 11px; padding: 0 6px; border-radius: 10px; background: var(--accent); color: #fff; }
.rows { font-weight: 600; }
.ins { color: var(--ins); } .upd { color: var(--upd); } .rej { color: var(--rej); }
.pin { font-size: 11px; border: 1px solid var(--line); border-radius: 10px; padding: 0 6px; }
.kind { font-style: italic; }
.tabs { display: flex; gap: 4px; margin-bottom: 12px; border-bottom: 1px solid var(--line); }
.tabs button { border: none; border-bottom: 2px solid transparent; border-radius: 0; padding: 6px 14px; }
.tabs button.active { border-bottom-color: var(--accent); font-weight: 600; }
.controls { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin-bottom: 10px; }
.keys { display: inline-flex; gap: 4px; }
.scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
table.grid { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
.grid th, .grid td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
.grid th { white-space: nowrap; }
.grid td { white-space: nowrap; }
.grid td.long { white-space: normal; min-width: 16em; max-width: 32em; }
.grid thead th { background: var(--panel); position: sticky; top: 0; }
.grid th.key { text-decoration: underline dotted; }
.grid tbody tr:nth-child(even) td { background: #fbfcfd; }
.grid tr.section th { background: var(--bg); font-size: 13px; padding-top: 12px; }
.grid td.mark { width: 1.5em; font-weight: 700; color: var(--muted); text-align: center; }
.grid tr.added td { background: var(--ins-bg) !important; }
.grid tr.added td.mark { color: var(--ins); }
.grid tr.removed td { background: var(--rej-bg) !important; color: #6e2a2a; }
.grid tr.removed td.mark { color: var(--rej); }
.grid td.changed { background: var(--chg-bg) !important; box-shadow: inset 3px 0 0 var(--upd); }
.grid td.changed .was { display: block; color: var(--rej); font-size: 12px; }
#diff-summary { margin: 0 0 10px; }
.pager { display: flex; gap: 12px; align-items: center; margin-top: 10px; }
.grid tr.has-history { cursor: pointer; }
.grid tr.has-history:hover td { background: var(--panel); }
button.row-history { padding: 0; border: none; background: none; color: var(--accent); text-decoration: underline dotted; font: inherit; text-align: left; }
.history { margin-top: 16px; padding: 0; }
.history-head { display: flex; gap: 12px; align-items: baseline; margin-bottom: 8px; }
.history-head h2 { margin: 0; }
.history-head button { margin-left: auto; }
.grid tr.version.insert td.change { color: var(--ins); }
.grid tr.version.update td.change { color: var(--upd); }
.grid tr.version.delete td { background: var(--rej-bg) !important; color: #6e2a2a; }
.grid tr.version td.id { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
/* the status board: a row per pipeline, coloured by its verdict, with a chart of its runs */
.board { padding: 14px 20px; }
.board tbody tr { cursor: pointer; }
.board td.verdict { font-weight: 700; }
.board tr.verdict-ok td.verdict { color: var(--ins); }
.board tr.verdict-late td { background: #fff8c5 !important; } .board tr.verdict-late td.verdict { color: var(--upd); }
.board tr.verdict-volume td { background: #fbefff !important; } .board tr.verdict-volume td.verdict { color: #8250df; }
.board tr.verdict-schema td { background: #ddf4ff !important; } .board tr.verdict-schema td.verdict { color: var(--accent); }
.board tr.verdict-failing td { background: var(--rej-bg) !important; } .board tr.verdict-failing td.verdict { color: var(--rej); }
.chart .axis { stroke: var(--line); }
.chart .series { fill: none; stroke-width: 1.5; }
.chart .read { stroke: var(--fg); } .chart .inserted { stroke: var(--ins); } .chart .updated { stroke: var(--upd); } .chart .rejected { stroke: var(--rej); }
.chart .drop { stroke: var(--accent); stroke-width: 2; }
`;
