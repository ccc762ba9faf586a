// @ts-check
// The page's script, part 3 of 5 (see pageBase.js): a row's history. Each row
// of the rows view opens, on a click or on its key's button (one Tab and Enter
// away), the panel under the rows that lists every version of that key:
// snapshot, change, the values (changed cells marked) and the file and line it
// came from, from GET /api/pipelines/<name>/keys/history?key=...
/* exported historyRow, showHistory, closeHistory, hideStaleHistory */
var historyAsked = 0;
/** @type {HTMLElement | null} */
var returnFocus = null;

/**
 * A row of the rows view: its first key column's value is a button that shows the key's history, and so is a click anywhere on the row.
 * @param {{columns: string[], key: string[]}} page @param {Record<string, string>} r
 */
function historyRow(page, r) {
  var key = page.key.map(function (k) {
    return r[k];
  });
  var button = el('button', { type: 'button', className: 'row-history', text: key[0], title: 'show the history of ' + key.join(', '), 'aria-controls': 'history' });
  var keyColumn = page.columns.indexOf(page.key[0]);
  /** @param {MouseEvent} e */
  var open = function (e) {
    // A click on the row that ends a text selection is not a request; the button always is.
    if (e.target === button || !String(getSelection() || '')) showHistory(key, button).catch(fail);
  };
  return el(
    'tr',
    { className: 'has-history', 'data-key': JSON.stringify(key), onclick: open },
    page.columns.map(function (c, i) {
      return i === keyColumn ? cell(r[c], null, [button]) : cell(r[c]);
    }),
  );
}

/** @param {string[]} key @param {HTMLElement} [opener] */
async function showHistory(key, opener) {
  var asked = ++historyAsked;
  var panel = $('history');
  var pipeline = state.pipeline;
  panel.hidden = false;
  panel.setAttribute('data-key', JSON.stringify(key));
  panel.setAttribute('data-pipeline', pipeline);
  panel.setAttribute('aria-busy', 'true');
  $('history-title').textContent = 'History of ' + key.join(', ');
  $('history-versions').textContent = '';
  $('history-note').textContent = 'loading...';
  returnFocus = opener || null;
  var params = key.map(function (v) {
    return ['key', v];
  });
  var versions;
  try {
    versions = await api(pipelinePath(pipeline) + '/keys/history' + query(params));
  } catch (err) {
    if (asked === historyAsked) $('history-note').textContent = err.message;
    throw err;
  } finally {
    if (asked === historyAsked) panel.removeAttribute('aria-busy');
  }
  if (asked !== historyAsked) return; // another row was clicked meanwhile, or the panel closed
  renderVersions(versions);
  $('history-title').focus();
  panel.scrollIntoView({ block: 'nearest' });
}

function closeHistory() {
  historyAsked++;
  $('history').hidden = true;
  if (returnFocus && returnFocus.isConnected) returnFocus.focus();
  returnFocus = null;
}

/** The panel belongs to one pipeline: showing another's rows closes it. */
function hideStaleHistory() {
  if ($('history').getAttribute('data-pipeline') !== state.pipeline) $('history').hidden = true;
}

/** @param {Array<{snapshot: string, change: string, row: Record<string, string>, file: string | null, line: number | null, run: string | null}>} versions */
function renderVersions(versions) {
  var table = $('history-versions');
  table.textContent = '';
  $('history-note').textContent = versions.length ? versions.length + (versions.length === 1 ? ' version' : ' versions') + ', oldest first' : 'no snapshot holds this key';
  if (!versions.length) return;
  var columns = [];
  versions.forEach(function (v) {
    Object.keys(v.row).forEach(function (c) {
      if (columns.indexOf(c) < 0) columns.push(c);
    });
  });
  table.appendChild(
    tableHead(['snapshot', 'change'].concat(columns, ['from']), function () {
      return { scope: 'col' };
    }),
  );
  var body = el('tbody');
  versions.forEach(function (v, i) {
    var before = i > 0 ? versions[i - 1].row : null;
    var from = v.change === 'delete' ? 'removed by a reset' : v.file === null ? 'origin not recorded' : v.file + (v.line === null ? '' : ':' + v.line);
    var origin = v.run && v.run !== v.snapshot ? { className: 'origin', title: 'read by run ' + v.run } : { className: 'origin' };
    body.appendChild(
      el(
        'tr',
        { className: 'version ' + v.change, 'data-snapshot': v.snapshot },
        [cell(v.snapshot, { className: 'id' }), cell(v.change, { className: 'change' })].concat(
          columns.map(function (c) {
            var was = before && c in before ? before[c] : '';
            var changed = v.change === 'update' && was !== v.row[c];
            return cell(v.row[c], changed ? { className: 'changed', 'data-column': c, title: 'before: ' + was } : null);
          }),
          [cell(from, origin)],
        ),
      ),
    );
  });
  table.appendChild(body);
}
