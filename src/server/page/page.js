// @ts-check
// The page's script, served as is at /page.js by `dropline serve` (no build step):
// vanilla ES2020 run by the browser, building the DOM with textContent only
// (never HTML from data). Talks to the JSON API; a token typed into the page is
// kept in sessionStorage and sent as `Authorization: Bearer`. Type-checked by
// `npm run lint` (src/server/page/tsconfig.json: checkJs with the DOM library).
'use strict';
(function () {
  var state = { pipelines: [], pipeline: null, snapshots: [], view: 'rows', rowsSnapshot: 'latest', cursors: [null], page: 0, nextCursor: null, from: '', to: '' };
  var token = sessionStorage.getItem('dropline.token') || '';

  /** @param {string} id */
  function $(id) { return document.getElementById(id); }

  /**
   * A form control by id (an input, a select or a button): what has a value and can be disabled.
   * @param {string} id
   * @returns {HTMLInputElement | HTMLSelectElement | HTMLButtonElement}
   */
  function control(id) { return /** @type {any} */ ($(id)); }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    if (props) for (var k in props) {
      if (k === 'text') node.textContent = props[k];
      else if (k === 'className') node.className = props[k];
      else if (k.indexOf('on') === 0) node.addEventListener(k.slice(2), props[k]);
      else node.setAttribute(k, props[k]);
    }
    (children || []).forEach(function (c) { if (c != null) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return node;
  }

  /** A table cell; short values stay on one line, long text may wrap at spaces. */
  function cell(value, props, children) {
    var text = value == null ? '' : String(value);
    var td = el('td', props, children || [text]);
    if (text.length > 40) td.classList.add('long');
    return td;
  }

  function status(text, isError) {
    var s = $('status');
    s.textContent = text || '';
    s.className = isError ? 'error' : 'muted';
  }

  function pipelinePath(name) {
    return '/api/pipelines/' + name.split('/').map(encodeURIComponent).join('/');
  }

  function query(params) {
    var parts = [];
    params.forEach(function (p) { if (p[1] != null) parts.push(encodeURIComponent(p[0]) + '=' + encodeURIComponent(p[1])); });
    return parts.length ? '?' + parts.join('&') : '';
  }

  async function request(path, accept) {
    var headers = { Accept: accept || 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    var res = await fetch(path, { headers: headers });
    if (res.status === 401) {
      $('token-form').hidden = false;
      $('token').focus();
      throw new Error('this server needs a token');
    }
    return res;
  }

  async function api(path) {
    var res = await request(path);
    var body = await res.json();
    if (!res.ok) throw new Error(body.error ? body.error.code + ': ' + body.error.message : 'HTTP ' + res.status);
    return body;
  }

  function fail(err) { status(err.message, true); }

  function saveHash() {
    var params = [['p', state.pipeline], ['v', state.view]];
    if (state.view === 'rows') params.push(['s', state.rowsSnapshot === 'latest' ? null : state.rowsSnapshot]);
    else params.push(['from', state.from || null], ['to', state.to || null]);
    history.replaceState(null, '', '#' + query(params).slice(1));
  }

  function readHash() {
    var h = new URLSearchParams(location.hash.slice(1));
    return { p: h.get('p'), v: h.get('v'), s: h.get('s'), from: h.get('from'), to: h.get('to') };
  }

  function when(snapshot) {
    return snapshot.createdAt.replace('T', ' ').replace(/\.\d+Z$/, '');
  }

  function fillSelect(select, options, value) {
    select.textContent = '';
    options.forEach(function (o) { select.appendChild(el('option', { value: o[0], text: o[1] })); });
    if (value != null) select.value = value;
  }

  async function loadPipelines() {
    state.pipelines = await api('/api/pipelines');
    var usable = state.pipelines.filter(function (p) { return !p.error; });
    fillSelect($('pipeline'), state.pipelines.map(function (p) {
      return [p.name, p.error ? p.name + ' (unreadable)' : p.name + ' (' + p.snapshots + ' snapshots)'];
    }));
    if (usable.length === 0) { status(state.pipelines.length ? 'no readable pipelines' : 'no pipelines in this workspace'); return; }
    var wanted = readHash();
    var first = usable.some(function (p) { return p.name === wanted.p; }) ? wanted.p : usable[0].name;
    await selectPipeline(first, wanted.p === first ? wanted : {});
  }

  async function selectPipeline(name, wanted) {
    state.pipeline = name;
    control('pipeline').value = name;
    var info = state.pipelines.find(function (p) { return p.name === name; });
    $('description').textContent = info && info.description ? info.description : '';
    state.snapshots = await api(pipelinePath(name) + '/snapshots');
    renderTimeline();
    renderKeyInputs(info ? info.key : []);
    var ids = state.snapshots.map(function (s) { return s.id; });
    var has = function (id) { return id && ids.indexOf(id) >= 0; };
    var options = state.snapshots.slice().reverse().map(function (s) { return [s.id, s.id + '  (' + s.rows + ' rows)']; });
    fillSelect($('rows-snapshot'), [['latest', 'latest']].concat(options), has(wanted.s) ? wanted.s : 'latest');
    fillSelect($('diff-from'), options);
    fillSelect($('diff-to'), options);
    var last = ids.length - 1;
    state.from = has(wanted.from) ? wanted.from : (ids[Math.max(0, last - 1)] || '');
    state.to = has(wanted.to) ? wanted.to : (ids[last] || '');
    control('diff-from').value = state.from;
    control('diff-to').value = state.to;
    if (ids.length === 0) {
      status('no snapshots yet: run the pipeline with dropline run ' + name);
      $('rows').textContent = '';
      $('diff').textContent = '';
      return;
    }
    status('');
    if (wanted.v === 'diff') await showDiff();
    else await showRows(has(wanted.s) ? wanted.s : 'latest');
  }

  function renderKeyInputs(key) {
    var box = $('rows-key');
    box.textContent = '';
    key.forEach(function (column) {
      box.appendChild(el('input', { 'data-key': column, placeholder: column, 'aria-label': 'key ' + column, size: '14' }));
    });
  }

  function renderTimeline() {
    var list = $('timeline');
    list.textContent = '';
    $('snapshot-count').textContent = '(' + state.snapshots.length + ')';
    state.snapshots.slice().reverse().forEach(function (s, i) {
      var counts = s.kind === 'reset'
        ? [el('span', { className: 'kind', text: 'reset to ' + s.restoredFrom })]
        : [el('span', { className: 'ins', text: '+' + s.inserted }), ' ', el('span', { className: 'upd', text: '~' + s.updated }), ' ',
           el('span', { text: s.files.length + (s.files.length === 1 ? ' file' : ' files') })];
      if (s.rejected) counts.push(' ', el('span', { className: 'rej', text: '!' + s.rejected + ' rejected' }));
      if (s.pinned) counts.push(' ', el('span', { className: 'pin', text: 'pinned' }));
      var item = el('li', { 'data-id': s.id, className: i === 0 ? 'newest' : '' }, [
        el('div', { className: 'when', title: s.createdAt }, [el('strong', { text: when(s) }), el('span', { className: 'tz', text: 'UTC' }), i === 0 ? el('span', { className: 'tag', text: 'latest' }) : null]),
        el('div', { className: 'id muted', text: s.id }),
        el('div', { className: 'counts' }, [el('span', { className: 'rows', text: s.rows + ' rows' }), ' '].concat(counts)),
        el('div', { className: 'actions' }, [
          el('button', { type: 'button', text: 'rows', onclick: function () { showRows(s.id).catch(fail); } }),
          el('button', { type: 'button', text: 'from', className: 'pick-from', title: 'compare from this snapshot', onclick: function () { pick('from', s.id); } }),
          el('button', { type: 'button', text: 'to', className: 'pick-to', title: 'compare to this snapshot', onclick: function () { pick('to', s.id); } }),
        ]),
      ]);
      list.appendChild(item);
    });
    markTimeline();
  }

  function markTimeline() {
    Array.prototype.forEach.call($('timeline').children, function (li) {
      var id = li.getAttribute('data-id');
      var diffing = state.view === 'diff';
      li.classList.toggle('is-from', diffing && id === state.from);
      li.classList.toggle('is-to', diffing && id === state.to);
      li.querySelector('.pick-from').classList.toggle('active', diffing && id === state.from);
      li.querySelector('.pick-to').classList.toggle('active', diffing && id === state.to);
    });
  }

  function pick(side, id) {
    state[side] = id;
    control('diff-' + side).value = id;
    if (state.from && state.to) showDiff().catch(fail);
  }

  function setView(view) {
    state.view = view;
    $('rows-view').hidden = view !== 'rows';
    $('diff-view').hidden = view !== 'diff';
    $('tab-rows').classList.toggle('active', view === 'rows');
    $('tab-diff').classList.toggle('active', view === 'diff');
    markTimeline();
    saveHash();
  }

  function keyValues() {
    return Array.prototype.map.call($('rows-key').querySelectorAll('input'), function (i) { return i.value; });
  }

  function rowsQuery(withPaging) {
    var params = [['snapshot', state.rowsSnapshot === 'latest' ? null : state.rowsSnapshot]];
    var key = keyValues();
    if (key.some(function (v) { return v !== ''; })) key.forEach(function (v) { params.push(['key', v]); });
    if (withPaging) params.push(['limit', '50'], ['cursor', state.cursors[state.page]]);
    return query(params);
  }

  async function showRows(snapshot) {
    if (snapshot) { state.rowsSnapshot = snapshot; control('rows-snapshot').value = snapshot; state.cursors = [null]; state.page = 0; }
    setView('rows');
    status('loading rows...');
    var page = await api(pipelinePath(state.pipeline) + '/rows' + rowsQuery(true));
    state.nextCursor = page.nextCursor;
    var table = $('rows');
    table.textContent = '';
    table.appendChild(el('thead', null, [el('tr', null, page.columns.map(function (c) { return el('th', { text: c, className: page.key.indexOf(c) >= 0 ? 'key' : '' }); }))]));
    var body = el('tbody');
    page.rows.forEach(function (r) { body.appendChild(el('tr', null, page.columns.map(function (c) { return cell(r[c]); }))); });
    table.appendChild(body);
    var first = state.page * 50 + 1;
    $('page-info').textContent = page.rows.length ? 'snapshot ' + page.snapshot + ': rows ' + first + '-' + (first + page.rows.length - 1) : 'no rows';
    control('prev').disabled = state.page === 0;
    control('next').disabled = !page.nextCursor;
    status('');
  }

  async function downloadCsv() {
    status('preparing CSV...');
    var res = await request(pipelinePath(state.pipeline) + '/rows' + rowsQuery(false), 'text/csv');
    if (!res.ok) { var body = await res.json(); throw new Error(body.error.code + ': ' + body.error.message); }
    var name = (/filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '') || [])[1] || 'rows.csv';
    var url = URL.createObjectURL(await res.blob());
    var a = el('a', { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    status('');
  }

  async function showDiff() {
    state.from = control('diff-from').value;
    state.to = control('diff-to').value;
    setView('diff');
    if (!state.from || !state.to) return;
    status('comparing...');
    var d = await api(pipelinePath(state.pipeline) + '/diff' + query([['from', state.from], ['to', state.to]]));
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
    if (d.truncated) summary.appendChild(el('span', { className: 'muted', text: ' (showing the first ' + Math.max(d.added.length, d.removed.length, d.changed.length) + ' of each)' }));

    var table = $('diff');
    table.textContent = '';
    table.appendChild(el('thead', null, [el('tr', null, [el('th', { text: '' })].concat(columns.map(function (c) {
      return el('th', { text: c, className: d.key.indexOf(c) >= 0 ? 'key' : '' });
    })))]));
    function section(title, count, rows) {
      if (!count) return;
      var body = el('tbody');
      body.appendChild(el('tr', { className: 'section' }, [el('th', { colspan: String(columns.length + 1), text: title + ' (' + count + ')' })]));
      rows.forEach(function (tr) { body.appendChild(tr); });
      table.appendChild(body);
    }
    function keyOf(row) { return JSON.stringify(d.key.map(function (k) { return row[k]; })); }
    section('Changed', d.counts.changed, d.changed.map(function (c) {
      var changed = {};
      c.changes.forEach(function (ch) { changed[ch.column] = ch; });
      return el('tr', { className: 'changed-row', 'data-key': JSON.stringify(c.key) }, [el('td', { className: 'mark', text: '~' })].concat(columns.map(function (col) {
        var ch = changed[col];
        if (!ch) return cell(c.row[col]);
        return cell(ch.before + ch.after, { className: 'changed', 'data-column': col, title: 'before: ' + ch.before }, [
          el('del', { className: 'was', text: ch.before }), el('span', { text: ch.after }),
        ]);
      })));
    }));
    section('Added', d.counts.added, d.added.map(function (r) {
      return el('tr', { className: 'added', 'data-key': keyOf(r), title: 'added in ' + d.to }, [el('td', { className: 'mark', text: '+' })].concat(columns.map(function (col) { return cell(r[col]); })));
    }));
    section('Removed', d.counts.removed, d.removed.map(function (r) {
      return el('tr', { className: 'removed', 'data-key': keyOf(r), title: 'removed since ' + d.from }, [el('td', { className: 'mark', text: '\u2212' })].concat(columns.map(function (col) { return cell(r[col]); })));
    }));
    if (!d.counts.added && !d.counts.removed && !d.counts.changed) table.appendChild(el('tbody', null, [el('tr', null, [el('td', { className: 'muted', text: 'no differences' })])]));
    status('');
  }

  $('pipeline').addEventListener('change', function (e) { selectPipeline(/** @type {HTMLSelectElement} */ (e.target).value, {}).catch(fail); });
  $('tab-rows').addEventListener('click', function () { showRows().catch(fail); });
  $('tab-diff').addEventListener('click', function () { showDiff().catch(fail); });
  $('rows-form').addEventListener('submit', function (e) { e.preventDefault(); showRows(control('rows-snapshot').value).catch(fail); });
  $('rows-snapshot').addEventListener('change', function () { showRows(control('rows-snapshot').value).catch(fail); });
  $('rows-csv').addEventListener('click', function () { downloadCsv().catch(fail); });
  $('diff-form').addEventListener('submit', function (e) { e.preventDefault(); showDiff().catch(fail); });
  $('prev').addEventListener('click', function () { if (state.page > 0) { state.page--; showRows().catch(fail); } });
  $('next').addEventListener('click', function () {
    if (!state.nextCursor) return;
    state.cursors[state.page + 1] = state.nextCursor;
    state.page++;
    showRows().catch(fail);
  });
  $('token-form').addEventListener('submit', function (e) {
    e.preventDefault();
    token = control('token').value;
    sessionStorage.setItem('dropline.token', token);
    $('token-form').hidden = true;
    loadPipelines().catch(fail);
  });
  loadPipelines().catch(fail);
})();
