#include "report/internal/html_assets.h"

namespace docsift::detail {

const char* const kReportCss = R"CSS(
:root { --fg: #1d232a; --muted: #5b6670; --line: #d8dde2; --bg: #f6f7f9; --accent: #2b6cb0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
       color: var(--fg); background: var(--bg); }
main { max-width: 1200px; margin: 0 auto; padding: 16px 20px 40px; }
h1 { font-size: 20px; margin: 4px 0 2px; }
h2 { font-size: 16px; margin: 22px 0 8px; }
.muted { color: var(--muted); }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; }
.figure { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px;
          min-width: 150px; }
.figure b { display: block; font-size: 18px; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px; }
.map { width: 100%; height: auto; display: block; }
.map circle { stroke: #fff; stroke-width: 1.5; cursor: pointer; opacity: 0.85; }
.map circle.selected { stroke: var(--fg); stroke-width: 3; }
.map text { font-size: 11px; fill: var(--fg); pointer-events: none; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(270px, 1fr)); gap: 10px; }
.card { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--accent);
        border-radius: 6px; padding: 8px 10px; cursor: pointer; }
.card .labels { font-weight: 600; }
.card .title { margin-top: 4px; }
.card .rep { font-family: ui-monospace, monospace; font-size: 12px; color: var(--muted);
             word-break: break-all; }
input.filter { width: 100%; max-width: 480px; padding: 6px 8px; font: inherit;
               border: 1px solid var(--line); border-radius: 4px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line);
         vertical-align: top; }
th { background: #eef1f4; font-weight: 600; }
td.id { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all;
        width: 28%; }
td.num { text-align: right; white-space: nowrap; width: 7%; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
          margin-right: 6px; }
.group { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin-bottom: 12px; }
.doc { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.doc.kept { border-top: 4px solid #2f855a; }
.doc.removed { border-top: 4px solid #c53030; }
.doc .head { font-family: ui-monospace, monospace; font-size: 12px; color: var(--muted);
             word-break: break-all; margin-bottom: 4px; }
.doc .text { white-space: pre-wrap; word-break: break-word; }
mark { background: #fde68a; padding: 0 1px; border-radius: 2px; }
.passage { white-space: pre-wrap; word-break: break-word; }
)CSS";

const char* const kReportJs = R"JS(
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';  // the SVG namespace name, never fetched
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var app = document.getElementById('app');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    return e;
  }
  function add(parent, child) { parent.appendChild(child); return child; }
  function commas(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function bytes(n) {
    var units = ['B', 'KB', 'MB', 'GB', 'TB'], i = 0;
    while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
    return (i ? n.toFixed(1) : String(n)) + ' ' + units[i];
  }
  function figure(parent, label, value) {
    var f = add(parent, el('div', 'figure'));
    add(f, el('b', null, value));
    add(f, el('span', 'muted', label));
    return f;
  }
  function colour(c) { return 'hsl(' + ((c * 137.508) % 360).toFixed(1) + ', 62%, 48%)'; }
  function header(title) {
    add(app, el('h1', null, title));
    add(app, el('div', 'muted', 'Input: ' + (data.inputs.length ? data.inputs.join(', ') : '-')));
  }

  // ---- topics ------------------------------------------------------------------------------
  function topics() {
    header('Topics');
    var figs = add(app, el('div', 'figures'));
    figure(figs, 'clusters', commas(data.clusters.length)).id = 'cluster-count';
    figure(figs, 'documents read', commas(data.docs_read));
    if (data.duplicates_removed) figure(figs, 'duplicates set aside', commas(data.duplicates_removed));

    add(app, el('h2', null, 'Map of clusters'));
    var panel = add(app, el('div', 'panel'));
    var W = 900, H = 420, pad = 80;
    var map = add(panel, svg('svg', { 'class': 'map', viewBox: '0 0 ' + W + ' ' + H,
                                      role: 'img', 'aria-label': 'Map of clusters' }));
    var xs = data.clusters.map(function (c) { return c.x; });
    var ys = data.clusters.map(function (c) { return c.y; });
    var x0 = Math.min.apply(null, xs.concat([0])), x1 = Math.max.apply(null, xs.concat([0]));
    var y0 = Math.min.apply(null, ys.concat([0])), y1 = Math.max.apply(null, ys.concat([0]));
    var sx = (W - 2 * pad) / Math.max(x1 - x0, 1e-9), sy = (H - 2 * pad) / Math.max(y1 - y0, 1e-9);
    var s = Math.min(sx, sy);
    var maxSize = Math.max.apply(null, data.clusters.map(function (c) { return c.size; }).concat([1]));
    var circles = [];
    // Largest first, so small clusters are drawn on top.
    var order = data.clusters.slice().sort(function (a, b) { return b.size - a.size; });
    order.forEach(function (c) {
      var cx = W / 2 + (c.x - (x0 + x1) / 2) * s, cy = H / 2 - (c.y - (y0 + y1) / 2) * s;
      var r = 5 + 28 * Math.sqrt(c.size / maxSize);
      var circle = add(map, svg('circle', { cx: cx.toFixed(1), cy: cy.toFixed(1), r: r.toFixed(1),
                                            fill: colour(c.cluster), 'data-cluster': c.cluster }));
      add(circle, svg('title', {})).textContent =
          'cluster ' + c.cluster + ' (' + c.size + '): ' + c.labels.join(', ');
      circle.addEventListener('click', function () { select(c.cluster); });
      circles[c.cluster] = circle;
      var label = add(map, svg('text', { x: cx.toFixed(1), y: (cy + r + 14).toFixed(1),
                                         'text-anchor': 'middle' }));
      label.textContent = c.cluster + ': ' + c.labels.slice(0, 2).join(', ');
    });
    add(panel, el('div', 'muted', 'Circle area: documents in the cluster. Position: ' +
                  data.projection + '. Click a circle or a card to list its members.'));

    add(app, el('h2', null, 'Clusters'));
    var cards = add(app, el('div', 'cards'));
    data.clusters.forEach(function (c) {
      var card = add(cards, el('div', 'card'));
      card.style.borderLeftColor = colour(c.cluster);
      card.setAttribute('data-cluster', c.cluster);
      add(card, el('div', 'muted', 'cluster ' + c.cluster + ' \u00b7 ' + commas(c.size) +
                   ' documents'));
      add(card, el('div', 'labels', c.labels.join(', ')));
      add(card, el('div', 'title', c.title));
      add(card, el('div', 'rep', 'representative: ' + c.representative));
      card.addEventListener('click', function () { select(c.cluster); });
    });

    add(app, el('h2', null, 'Members'));
    var filter = add(app, el('input', 'filter'));
    filter.type = 'search';
    filter.id = 'filter';
    filter.placeholder = 'Filter by id or first line; cluster:3 for one cluster';
    var count = add(app, el('div', 'muted'));
    count.id = 'member-count';
    var table = add(app, el('table'));
    table.id = 'members';
    var head = add(add(table, el('thead')), el('tr'));
    ['id', 'cluster', 'score', 'first line'].forEach(function (h) { add(head, el('th', null, h)); });
    var body = add(table, el('tbody'));
    var LIMIT = 1000;

    function render() {
      var q = filter.value.trim().toLowerCase(), only = null;
      var m = /^cluster:(\d+)\s*(.*)$/.exec(q);
      if (m) { only = Number(m[1]); q = m[2]; }
      circles.forEach(function (c, i) { c.classList.toggle('selected', i === only); });
      var rows = [];
      for (var i = 0; i < data.members.length; i++) {
        var d = data.members[i];
        if (only !== null && d[1] !== only) continue;
        if (q && d[0].toLowerCase().indexOf(q) < 0 && d[3].toLowerCase().indexOf(q) < 0) continue;
        rows.push(d);
      }
      body.textContent = '';
      rows.slice(0, LIMIT).forEach(function (d) {
        var tr = add(body, el('tr'));
        tr.setAttribute('data-cluster', d[1]);
        add(tr, el('td', 'id', d[0]));
        var tc = add(tr, el('td', 'num'));
        var sw = add(tc, el('span', 'swatch'));
        sw.style.background = colour(d[1]);
        tc.appendChild(document.createTextNode(String(d[1])));
        add(tr, el('td', 'num', d[2].toFixed(3)));
        add(tr, el('td', null, d[3]));
      });
      var text = commas(rows.length) + ' of ' + commas(data.members.length) + ' members match';
      if (rows.length > LIMIT) text += ' (first ' + commas(LIMIT) + ' shown)';
      if (data.members_total > data.members.length) {
        text += '; the page holds ' + commas(data.members.length) + ' of ' +
                commas(data.members_total) + ' documents (the closest to each centroid)';
      }
      count.textContent = text;
    }
    function select(c) {
      filter.value = 'cluster:' + c;
      render();
      filter.scrollIntoView({ block: 'start' });
    }
    filter.addEventListener('input', render);
    var hash = /^#q=(.*)$/.exec(location.hash);
    if (hash) filter.value = decodeURIComponent(hash[1]);
    render();
  }

  // ---- clean -------------------------------------------------------------------------------
  // Marks the words of `a` and `b` outside their longest common subsequence of words.
  function diff(a, b) {
    var wa = a.split(/(\s+)/), wb = b.split(/(\s+)/);
    var ia = [], ib = [];
    wa.forEach(function (w, i) { if (w && !/^\s+$/.test(w)) ia.push(i); });
    wb.forEach(function (w, i) { if (w && !/^\s+$/.test(w)) ib.push(i); });
    var n = ia.length, m = ib.length, L = [];
    for (var i = 0; i <= n; i++) { L.push(new Int32Array(m + 1)); }
    for (i = n - 1; i >= 0; i--) {
      for (var j = m - 1; j >= 0; j--) {
        L[i][j] = wa[ia[i]] === wb[ib[j]] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
      }
    }
    var ka = {}, kb = {};
    i = 0; j = 0;
    while (i < n && j < m) {
      if (wa[ia[i]] === wb[ib[j]]) { ka[ia[i]] = kb[ib[j]] = true; i++; j++; }
      else if (L[i + 1][j] >= L[i][j + 1]) i++;
      else j++;
    }
    return { a: [wa, ka, ia], b: [wb, kb, ib] };
  }
  function marked(parent, parts, available) {
    var words = parts[0], same = parts[1], real = {};
    parts[2].forEach(function (i) { real[i] = true; });
    var changed = 0;
    words.forEach(function (w, i) {
      // A word cut by the excerpt's end ("...") is not a difference.
      var cut = w.charAt(w.length - 1) === '\u2026';
      if (real[i] && !same[i] && !cut) { add(parent, el('mark', null, w)); changed++; }
      else parent.appendChild(document.createTextNode(w));
    });
    if (!available) parent.textContent = '(text not available)';
    return changed;
  }
  function clean() {
    header('Cleaning report');
    var figs = add(app, el('div', 'figures'));
    figure(figs, 'documents before \u2192 after', commas(data.docs_before) + ' \u2192 ' +
           commas(data.docs_after)).id = 'docs-figure';
    figure(figs, 'text before \u2192 after', bytes(data.bytes_before) + ' \u2192 ' +
           bytes(data.bytes_after)).id = 'bytes-figure';
    figure(figs, 'duplicate documents removed', commas(data.docs_removed));
    figure(figs, 'duplicate passages removed', commas(data.passages_removed));

    add(app, el('h2', null, 'Duplicate groups'));
    var shown = data.groups.length;
    add(app, el('div', 'muted', (shown < data.groups_total ? 'The first ' + commas(shown) +
        ' of ' : '') + commas(data.groups_total) + ' groups: the kept document (left) and each ' +
        'removed one (right); words that differ are marked.' +
        (data.excerpts_available ? '' : ' Texts were not available (input read from stdin).')));
    var groups = add(app, el('div'));
    groups.id = 'groups';
    data.groups.forEach(function (g) {
      g.removed.forEach(function (r) {
        var row = add(groups, el('div', 'group'));
        var d = diff(g.kept.excerpt, r.excerpt);
        var k = add(row, el('div', 'doc kept'));
        add(k, el('div', 'head', 'kept: ' + g.kept.id));
        marked(add(k, el('div', 'text')), d.a, data.excerpts_available);
        var x = add(row, el('div', 'doc removed'));
        add(x, el('div', 'head', 'removed: ' + r.id + ' \u00b7 similarity ' +
                  r.similarity.toFixed(3)));
        marked(add(x, el('div', 'text')), d.b, data.excerpts_available);
      });
    });
    if (!data.groups.length) add(groups, el('div', 'muted', 'No duplicate documents.'));

    add(app, el('h2', null, 'Most repeated passages'));
    var table = add(app, el('table'));
    table.id = 'passages';
    var head = add(add(table, el('thead')), el('tr'));
    ['occurrences', 'documents', 'passage'].forEach(function (h) { add(head, el('th', null, h)); });
    var body = add(table, el('tbody'));
    data.repeated.forEach(function (p) {
      var tr = add(body, el('tr'));
      add(tr, el('td', 'num', commas(p.occurrences)));
      add(tr, el('td', 'num', commas(p.documents)));
      add(tr, el('td', 'passage', p.text));
    });
    if (!data.repeated.length) add(app, el('div', 'muted', 'No repeated passages.'));
  }

  if (data.kind === 'topics') topics(); else clean();
  document.body.setAttribute('data-ready', '1');
})();
)JS";

}  // namespace docsift::detail
