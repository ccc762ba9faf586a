// @ts-check
// The page's script, part 5 of 5 (see pageBase.js): the rows view with its
// CSV download, the diff view, and the controls' wiring that starts the page.
/* exported showRows, showDiff */
function keyValues() {
  return Array.prototype.map.call($('rows-key').querySelectorAll('input'), function (i) {
    return i.value;
  });
}

function rowsQuery(withPaging) {
  var params = [['snapshot', state.rowsSnapshot === 'latest' ? null : state.rowsSnapshot]];
  var key = keyValues();
  if (
    key.some(function (v) {
      return v !== '';
    })
  )
    key.forEach(function (v) {
      params.push(['key', v]);
    });
  if (withPaging) params.push(['limit', '50'], ['cursor', state.cursors[state.page]]);
  return query(params);
}

async function showRows(snapshot) {
  if (snapshot) {
    state.rowsSnapshot = snapshot;
    control('rows-snapshot').value = snapshot;
    state.cursors = [null];
    state.page = 0;
  }
  setView('rows');
  hideStaleHistory();
  showStatus('loading rows...');
  var page = await api(pipelinePath(state.pipeline) + '/rows' + rowsQuery(true));
  state.nextCursor = page.nextCursor;
  var table = $('rows');
  table.textContent = '';
  table.appendChild(
    tableHead(page.columns, function (c) {
      return { className: page.key.indexOf(c) >= 0 ? 'key' : '' };
    }),
  );
  var body = el('tbody');
  page.rows.forEach(function (r) {
    body.appendChild(historyRow(page, r));
  });
  table.appendChild(body);
  var first = state.page * 50 + 1;
  $('page-info').textContent = page.rows.length ? 'snapshot ' + page.snapshot + ': rows ' + first + '-' + (first + page.rows.length - 1) : 'no rows';
  control('prev').disabled = state.page === 0;
  control('next').disabled = !page.nextCursor;
  showStatus('');
}

async function downloadCsv() {
  showStatus('preparing CSV...');
  var res = await request(pipelinePath(state.pipeline) + '/rows' + rowsQuery(false), 'text/csv');
  if (!res.ok) {
    var body = await res.json();
    throw new Error(body.error.code + ': ' + body.error.message);
  }
  var name = (/filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '') || [])[1] || 'rows.csv';
  var url = URL.createObjectURL(await res.blob());
  var a = el('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function () {
    URL.revokeObjectURL(url);
  }, 10000);
  showStatus('');
}

async function showDiff() {
  state.from = control('diff-from').value;
  state.to = control('diff-to').value;
  setView('diff');
  if (!state.from || !state.to) return;
  showStatus('comparing...');
  var d = await api(
    pipelinePath(state.pipeline) +
      '/diff' +
      query([
        ['from', state.from],
        ['to', state.to],
      ]),
  );
  var columns = d.columns.after.concat(d.columns.removed);
  var summary = $('diff-summary');
  summary.textContent = '';
  summary.appendChild(el('span', { text: d.from + ' \u2192 ' + d.to + ': ' }));
  summary.appendChild(el('span', { className: 'ins', text: d.counts.added + ' added' }));
  summary.appendChild(document.createTextNode(', '));
  summary.appendChild(el('span', { className: 'rej', text: d.counts.removed + ' removed' }));
  summary.appendChild(document.createTextNode(', '));
  summary.appendChild(el('span', { className: 'upd', text: d.counts.changed + ' changed' }));
  if (d.columns.added.length) summary.appendChild(el('span', { text: '; new columns: ' + d.columns.added.join(', ') }));
  if (d.columns.removed.length) summary.appendChild(el('span', { text: '; dropped columns: ' + d.columns.removed.join(', ') }));
  if (d.truncated)
    summary.appendChild(el('span', { className: 'muted', text: ' (showing the first ' + Math.max(d.added.length, d.removed.length, d.changed.length) + ' of each)' }));

  var table = $('diff');
  table.textContent = '';
  table.appendChild(
    tableHead([''].concat(columns), function (c) {
      return { className: d.key.indexOf(c) >= 0 ? 'key' : '' };
    }),
  );
  function section(title, count, rows) {
    if (!count) return;
    var body = el('tbody');
    body.appendChild(el('tr', { className: 'section' }, [el('th', { colspan: String(columns.length + 1), text: title + ' (' + count + ')' })]));
    rows.forEach(function (tr) {
      body.appendChild(tr);
    });
    table.appendChild(body);
  }
  function keyOf(row) {
    return JSON.stringify(
      d.key.map(function (k) {
        return row[k];
      }),
    );
  }
  section(
    'Changed',
    d.counts.changed,
    d.changed.map(function (c) {
      var changed = {};
      c.changes.forEach(function (ch) {
        changed[ch.column] = ch;
      });
      return el(
        'tr',
        { className: 'changed-row', 'data-key': JSON.stringify(c.key) },
        [el('td', { className: 'mark', text: '~' })].concat(
          columns.map(function (col) {
            var ch = changed[col];
            if (!ch) return cell(c.row[col]);
            return cell(ch.before + ch.after, { className: 'changed', 'data-column': col, title: 'before: ' + ch.before }, [
              el('del', { className: 'was', text: ch.before }),
              el('span', { text: ch.after }),
            ]);
          }),
        ),
      );
    }),
  );
  /** @param {string} className @param {string} mark @param {string} title @param {Record<string, string>} r */
  function wholeRow(className, mark, title, r) {
    var cells = columns.map(function (col) {
      return cell(r[col]);
    });
    return el('tr', { className: className, 'data-key': keyOf(r), title: title }, [el('td', { className: 'mark', text: mark })].concat(cells));
  }
  section(
    'Added',
    d.counts.added,
    d.added.map(function (r) {
      return wholeRow('added', '+', 'added in ' + d.to, r);
    }),
  );
  section(
    'Removed',
    d.counts.removed,
    d.removed.map(function (r) {
      return wholeRow('removed', '\u2212', 'removed since ' + d.from, r);
    }),
  );
  if (!d.counts.added && !d.counts.removed && !d.counts.changed) table.appendChild(el('tbody', null, [el('tr', null, [el('td', { className: 'muted', text: 'no differences' })])]));
  showStatus('');
}

/** The page opens on the status board, or on the pipeline its address names (#p=...). */
async function start() {
  if (readHash().p) return loadPipelines(false);
  await loadPipelines(true);
  await showBoard();
}

$('pipeline').addEventListener('change', function (e) {
  openPipeline(/** @type {HTMLSelectElement} */ (e.target).value).catch(fail);
});
$('board-link').addEventListener('click', function () {
  showBoard().catch(fail);
});
$('tab-rows').addEventListener('click', function () {
  showRows().catch(fail);
});
$('tab-diff').addEventListener('click', function () {
  showDiff().catch(fail);
});
$('rows-form').addEventListener('submit', function (e) {
  e.preventDefault();
  showRows(control('rows-snapshot').value).catch(fail);
});
$('rows-snapshot').addEventListener('change', function () {
  showRows(control('rows-snapshot').value).catch(fail);
});
$('rows-csv').addEventListener('click', function () {
  downloadCsv().catch(fail);
});
$('diff-form').addEventListener('submit', function (e) {
  e.preventDefault();
  showDiff().catch(fail);
});
$('prev').addEventListener('click', function () {
  if (state.page > 0) {
    state.page--;
    showRows().catch(fail);
  }
});
$('next').addEventListener('click', function () {
  if (!state.nextCursor) return;
  state.cursors[state.page + 1] = state.nextCursor;
  state.page++;
  showRows().catch(fail);
});
$('history-close').addEventListener('click', closeHistory);
$('history').addEventListener('keydown', function (e) {
  if (e.key === 'Escape') closeHistory();
});
$('token-form').addEventListener('submit', function (e) {
  e.preventDefault();
  token = control('token').value;
  sessionStorage.setItem('dropline.token', token);
  $('token-form').hidden = true;
  start().catch(fail);
});
start().catch(fail);
