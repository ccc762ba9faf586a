// @ts-check
// The page's script, part 2 of 5 (see pageBase.js): the pipeline picker, the
// snapshot timeline and switching between the rows and diff views.
/* exported loadPipelines, selectPipeline, setView */
/** Fills the pipeline picker; then, unless `fillOnly`, shows the pipeline the address names, else the first readable one. */
async function loadPipelines(fillOnly) {
  state.pipelines = await api('/api/pipelines');
  var usable = state.pipelines.filter(function (p) {
    return !p.error;
  });
  fillSelect(
    $('pipeline'),
    state.pipelines.map(function (p) {
      return [p.name, p.error ? p.name + ' (unreadable)' : p.name + ' (' + p.snapshots + ' snapshots)'];
    }),
  );
  if (fillOnly) return;
  if (usable.length === 0) {
    showStatus(state.pipelines.length ? 'no readable pipelines' : 'no pipelines in this workspace');
    return;
  }
  var wanted = readHash();
  var first = usable.some(function (p) {
    return p.name === wanted.p;
  })
    ? wanted.p
    : usable[0].name;
  await selectPipeline(first, wanted.p === first ? wanted : {});
}

async function selectPipeline(name, wanted) {
  state.pipeline = name;
  control('pipeline').value = name;
  var info = state.pipelines.find(function (p) {
    return p.name === name;
  });
  $('description').textContent = info && info.description ? info.description : '';
  state.snapshots = await api(pipelinePath(name) + '/snapshots');
  renderTimeline();
  renderKeyInputs(info ? info.key : []);
  var ids = state.snapshots.map(function (s) {
    return s.id;
  });
  var has = function (id) {
    return id && ids.indexOf(id) >= 0;
  };
  var options = state.snapshots
    .slice()
    .reverse()
    .map(function (s) {
      return [s.id, s.id + '  (' + s.rows + ' rows)'];
    });
  fillSelect($('rows-snapshot'), [['latest', 'latest']].concat(options), has(wanted.s) ? wanted.s : 'latest');
  fillSelect($('diff-from'), options);
  fillSelect($('diff-to'), options);
  var last = ids.length - 1;
  state.from = has(wanted.from) ? wanted.from : ids[Math.max(0, last - 1)] || '';
  state.to = has(wanted.to) ? wanted.to : ids[last] || '';
  control('diff-from').value = state.from;
  control('diff-to').value = state.to;
  if (ids.length === 0) {
    showStatus('no snapshots yet: run the pipeline with dropline run ' + name);
    $('rows').textContent = '';
    $('diff').textContent = '';
    return;
  }
  showStatus('');
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

function when(snapshot) {
  return snapshot.createdAt.replace('T', ' ').replace(/\.\d+Z$/, '');
}

function renderTimeline() {
  var list = $('timeline');
  list.textContent = '';
  $('snapshot-count').textContent = '(' + state.snapshots.length + ')';
  state.snapshots
    .slice()
    .reverse()
    .forEach(function (s, i) {
      var counts =
        s.kind === 'reset'
          ? [el('span', { className: 'kind', text: 'reset to ' + s.restoredFrom })]
          : [
              el('span', { className: 'ins', text: '+' + s.inserted }),
              ' ',
              el('span', { className: 'upd', text: '~' + s.updated }),
              ' ',
              el(
                'span',
                s.kind === 'replay' ? { className: 'kind', text: 'replay of ' + s.files.join(', ') } : { text: s.files.length + (s.files.length === 1 ? ' file' : ' files') },
              ),
            ];
      if (s.rejected) counts.push(' ', el('span', { className: 'rej', text: '!' + s.rejected + ' rejected' }));
      if (s.pinned) counts.push(' ', el('span', { className: 'pin', text: 'pinned' }));
      var item = el('li', { 'data-id': s.id, className: i === 0 ? 'newest' : '' }, [
        el('div', { className: 'when', title: s.createdAt }, [
          el('strong', { text: when(s) }),
          el('span', { className: 'tz', text: 'UTC' }),
          i === 0 ? el('span', { className: 'tag', text: 'latest' }) : null,
        ]),
        el('div', { className: 'id muted', text: s.id }),
        el('div', { className: 'counts' }, [el('span', { className: 'rows', text: s.rows + ' rows' }), ' '].concat(counts)),
        el('div', { className: 'actions' }, [
          el('button', {
            type: 'button',
            text: 'rows',
            onclick: function () {
              showRows(s.id).catch(fail);
            },
          }),
          el('button', {
            type: 'button',
            text: 'from',
            className: 'pick-from',
            title: 'compare from this snapshot',
            onclick: function () {
              pick('from', s.id);
            },
          }),
          el('button', {
            type: 'button',
            text: 'to',
            className: 'pick-to',
            title: 'compare to this snapshot',
            onclick: function () {
              pick('to', s.id);
            },
          }),
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
