// @ts-check
// The page's script, part 1 of 5: the shared state, DOM helpers, the JSON API
// client and the URL hash. The parts (pageBase.js, pageTimeline.js,
// pageHistory.js, pageBoard.js, pageViews.js) are plain ES2020 run by the browser, no build step: the server
// serves them concatenated in that order inside one strict-mode function as
// /page.js (src/server/page/pageScript.ts), so they share one scope and put
// nothing on `window`. The DOM is built with textContent only (never HTML from
// data). A token typed into the page is kept in sessionStorage and sent as
// `Authorization: Bearer`. Type-checked by `npm run lint`
// (src/server/page/tsconfig.json: checkJs with the DOM library).
/* exported state, token, control, el, tableHead, cell, showStatus, pipelinePath, query, request, api, fail, saveHash, readHash, fillSelect */
var state = { pipelines: [], pipeline: null, snapshots: [], view: 'rows', rowsSnapshot: 'latest', cursors: [null], page: 0, nextCursor: null, from: '', to: '' };
var token = sessionStorage.getItem('dropline.token') || '';

/** @param {string} id */
function $(id) {
  return document.getElementById(id);
}

/**
 * A form control by id (an input, a select or a button): what has a value and can be disabled.
 * @param {string} id
 * @returns {HTMLInputElement | HTMLSelectElement | HTMLButtonElement}
 */
function control(id) {
  return /** @type {any} */ ($(id));
}

function el(tag, props, children) {
  var node = document.createElement(tag);
  if (props)
    for (var k in props) {
      if (k === 'text') node.textContent = props[k];
      else if (k === 'className') node.className = props[k];
      else if (k.indexOf('on') === 0) node.addEventListener(k.slice(2), props[k]);
      else node.setAttribute(k, props[k]);
    }
  (children || []).forEach(function (c) {
    if (c != null) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  });
  return node;
}

/**
 * A table's head: one header cell per name, each with the attributes `props(name)` gives (a class, a scope).
 * @param {string[]} names
 * @param {(name: string) => Record<string, string>} [props]
 */
function tableHead(names, props) {
  return el('thead', null, [
    el(
      'tr',
      null,
      names.map(function (name) {
        var attrs = props ? props(name) : {};
        attrs.text = name;
        return el('th', attrs);
      }),
    ),
  ]);
}

/** A table cell; short values stay on one line, long text may wrap at spaces. */
function cell(value, props, children) {
  var text = value == null ? '' : String(value);
  var td = el('td', props, children || [text]);
  if (text.length > 40) td.classList.add('long');
  return td;
}

function showStatus(text, isError) {
  var s = $('status');
  s.textContent = text || '';
  s.className = isError ? 'error' : 'muted';
}

function pipelinePath(name) {
  return '/api/pipelines/' + name.split('/').map(encodeURIComponent).join('/');
}

function query(params) {
  var parts = [];
  params.forEach(function (p) {
    if (p[1] != null) parts.push(encodeURIComponent(p[0]) + '=' + encodeURIComponent(p[1]));
  });
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

function fail(err) {
  showStatus(err.message, true);
}

function saveHash() {
  var params = [
    ['p', state.pipeline],
    ['v', state.view],
  ];
  if (state.view === 'rows') params.push(['s', state.rowsSnapshot === 'latest' ? null : state.rowsSnapshot]);
  else params.push(['from', state.from || null], ['to', state.to || null]);
  history.replaceState(null, '', '#' + query(params).slice(1));
}

function readHash() {
  var h = new URLSearchParams(location.hash.slice(1));
  return { p: h.get('p'), v: h.get('v'), s: h.get('s'), from: h.get('from'), to: h.get('to') };
}

function fillSelect(select, options, value) {
  select.textContent = '';
  options.forEach(function (o) {
    select.appendChild(el('option', { value: o[0], text: o[1] }));
  });
  if (value != null) select.value = value;
}
