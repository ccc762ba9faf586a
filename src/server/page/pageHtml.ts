/**
 * The page at `/`: plain HTML, its style at /page.css and script at /page.js
 * (no inline code, so a strict Content-Security-Policy holds), nothing from
 * elsewhere. Shipped inside the code as strings: the esbuild bundle carries
 * it and no file is read at run time.
 */
export const PAGE_HTML = String.raw`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dropline</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/page.css">
<script src="/page.js" defer></script>
</head>
<body>
<header>
  <h1>dropline</h1>
  <button type="button" id="board-link">Status</button>
  <label>pipeline <select id="pipeline" aria-label="pipeline"></select></label>
  <span id="description" class="muted"></span>
  <span id="status" role="status"></span>
</header>
<form id="token-form" hidden>
  <label>This server needs a token: <input id="token" type="password" autocomplete="off"></label>
  <button type="submit">Use token</button>
</form>
<section id="board" class="board" aria-labelledby="board-title" hidden>
  <h2 id="board-title">Status <span id="board-summary" class="muted"></span></h2>
  <div class="scroll"><table id="board-rows" class="grid"></table></div>
</section>
<main id="explorer">
  <aside>
    <h2>Snapshots <span id="snapshot-count" class="muted"></span></h2>
    <ol id="timeline" class="timeline"></ol>
  </aside>
  <section>
    <nav class="tabs">
      <button type="button" id="tab-rows" data-view="rows">Rows</button>
      <button type="button" id="tab-diff" data-view="diff">Diff</button>
    </nav>
    <div id="rows-view">
      <form id="rows-form" class="controls">
        <label>snapshot <select id="rows-snapshot"></select></label>
        <span class="keys">key <span id="rows-key" class="keys"></span></span>
        <button type="submit">Show</button>
        <button type="button" id="rows-csv">Download CSV</button>
      </form>
      <div class="scroll"><table id="rows" class="grid"></table></div>
      <div class="pager">
        <button type="button" id="prev">&larr; Previous</button>
        <span id="page-info" class="muted"></span>
        <button type="button" id="next">Next &rarr;</button>
      </div>
      <section id="history" class="history" aria-labelledby="history-title" hidden>
        <div class="history-head">
          <h2 id="history-title" tabindex="-1">History</h2>
          <span id="history-note" class="muted" role="status"></span>
          <button type="button" id="history-close">Close</button>
        </div>
        <div class="scroll"><table id="history-versions" class="grid"></table></div>
      </section>
    </div>
    <div id="diff-view" hidden>
      <form id="diff-form" class="controls">
        <label>from <select id="diff-from"></select></label>
        <label>to <select id="diff-to"></select></label>
        <button type="submit" id="compare">Compare</button>
      </form>
      <p id="diff-summary"></p>
      <div class="scroll"><table id="diff" class="grid"></table></div>
    </div>
  </section>
</main>
</body>
</html>
`;
