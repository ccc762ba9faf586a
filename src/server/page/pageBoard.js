// @ts-check
// The page's script, part 4 of 5 (see pageBase.js): the status board the page
// opens on (GET /api/status: one row per pipeline, coloured by its verdict,
// clicked through to its snapshots) with, per pipeline, a small chart of its
// runs drawn as inline SVG (rows read, inserted, updated, rejected; a tick on
// each day a drop arrived).
/* exported showBoard, openPipeline */
var SVG_NS = 'http://www.w3.org/2000/svg';
var SERIES = ['read', 'inserted', 'updated', 'rejected'];

function svg(tag, attrs, children) {
  var node = document.createElementNS(SVG_NS, tag);
  for (var k in attrs) node.setAttribute(k, String(attrs[k]));
  (children || []).forEach(function (c) {
    node.appendChild(c);
  });
  return node;
}

/** The runs of one pipeline over time: a line per count, a tick per drop; `now` closes the time axis. */
function runChart(report, now) {
  var w = 160;
  var h = 46;
  var base = h - 9;
  var times = report.runs
    .map(function (r) {
      return Date.parse(r.createdAt);
    })
    .concat(
      report.drops.map(function (d) {
        return Date.parse(d.at);
      }),
    );
  if (times.length === 0) return el('span', { className: 'muted', text: 'no runs yet' });
  var t0 = Math.min.apply(null, times);
  var t1 = Math.max(now, Math.max.apply(null, times));
  var x = function (t) {
    return (2 + ((t - t0) / Math.max(1, t1 - t0)) * (w - 4)).toFixed(1);
  };
  var top = Math.max.apply(
    null,
    [1].concat(
      report.runs.map(function (r) {
        return r.read;
      }),
    ),
  );
  var y = function (v) {
    return (base - (v / top) * (base - 2)).toFixed(1);
  };
  var label = report.pipeline + ': ' + report.runs.length + ' runs, ' + report.drops.length + ' drops';
  var parts = [svg('title', {}, [document.createTextNode(label + ' (lines: rows read, inserted, updated, rejected; ticks: days drops arrived)')])];
  parts.push(svg('line', { x1: 0, x2: w, y1: base + 0.5, y2: base + 0.5, class: 'axis' }));
  SERIES.forEach(function (name) {
    var points = report.runs.map(function (r) {
      return x(Date.parse(r.createdAt)) + ',' + y(r[name]);
    });
    parts.push(svg('polyline', { points: points.join(' '), class: 'series ' + name, 'data-series': name, 'data-points': points.length }));
  });
  report.drops.forEach(function (d) {
    var at = x(Date.parse(d.at));
    parts.push(svg('line', { x1: at, x2: at, y1: base + 3, y2: h, class: 'drop', 'data-at': d.at }));
  });
  return svg('svg', { width: w, height: h, viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': label, class: 'chart' }, parts);
}

function short(iso) {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}

function boardRow(r, now) {
  var drop = r.lastDrop ? short(r.lastDrop.at) + ' (' + r.lastDrop.rows + ' rows)' : 'none yet';
  var run = r.lastRun ? short(r.lastRun.at) + (r.lastRun.ok ? ' ok' : ' failed') : 'never';
  var open = function () {
    openPipeline(r.pipeline).catch(fail);
  };
  return el('tr', { className: 'verdict-' + r.verdict, 'data-pipeline': r.pipeline, onclick: open }, [
    el('td', null, [el('button', { type: 'button', className: 'row-history', text: r.pipeline, title: 'its snapshots' })]),
    el('td', { className: 'verdict', text: r.verdict }),
    cell(r.reasons.join('; '), { className: 'reasons' }),
    el('td', { text: drop }),
    el('td', { text: run }),
    el('td', { text: r.waiting == null ? '' : String(r.waiting) }),
    el('td', { text: String(r.quarantined) }),
    el('td', { text: String(r.openRejects) }),
    el('td', { text: r.latestRows == null ? '' : String(r.latestRows) }),
    el('td', { className: 'chart-cell' }, [runChart(r, now)]),
  ]);
}

/** Shows the board (and hides the pipeline's views), fetching every pipeline's status afresh. */
async function showBoard() {
  $('board').hidden = false;
  $('explorer').hidden = true;
  history.replaceState(null, '', '#');
  showStatus('loading status...');
  var reports = await api('/api/status');
  var now = Date.now();
  var heads = ['pipeline', 'verdict', 'reasons', 'last drop (UTC)', 'last run (UTC)', 'waiting', 'quarantined', 'open rejects', 'latest rows', 'runs'];
  var table = $('board-rows');
  table.textContent = '';
  table.appendChild(tableHead(heads));
  table.appendChild(
    el(
      'tbody',
      null,
      reports.map(function (r) {
        return boardRow(r, now);
      }),
    ),
  );
  var attention = reports.filter(function (r) {
    return r.verdict !== 'ok';
  }).length;
  $('board-summary').textContent = reports.length + ' pipelines, ' + attention + ' needing attention';
  showStatus(reports.length ? '' : 'no pipelines in this workspace');
}

/** Leaves the board for one pipeline's snapshots and rows. */
async function openPipeline(name) {
  $('board').hidden = true;
  $('explorer').hidden = false;
  await selectPipeline(name, {});
}
