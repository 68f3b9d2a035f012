/* Site-wide search in Material's dialog (engine: search-worker.js): open pre-filled from ?q=, show
   titles without zero-width spaces (jieba's, when Material segments), state the real number of results
   when the list stops at 200 entries, offer the order (按相关度 / 按时间, &sort=time in the URL) and keep
   the query in the URL with history entries that Back and Forward restore (search-history.js).
   Plain ES2017, no build step. */
(function () {
  "use strict";
  var ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff]/g;
  var toggle = document.getElementById("__search");
  var input = document.querySelector("[data-md-component=search-query]");
  var resultRoot = document.querySelector("[data-md-component=search-result]");
  if (!toggle || !input || !resultRoot) return;
  var ownsQuery = Boolean(document.querySelector("[data-dc-owns-q]")); // the column home: ?q= is the catalogue's
  var config = document.getElementById("__config");
  var workerUrl = new URL(JSON.parse(config ? config.textContent : "{}").search || "x:", location.href);
  var sort = workerUrl.searchParams.get("sort") === "time" ? "time" : "relevance"; // as the worker started
  var channel = typeof BroadcastChannel === "function" && workerUrl.searchParams.get("channel")
    ? new BroadcastChannel(workerUrl.searchParams.get("channel")) : null;
  var leaving = false, restoring = false;

  function clean(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (ZERO_WIDTH.test(node.nodeValue)) node.nodeValue = node.nodeValue.replace(ZERO_WIDTH, "");
      ZERO_WIDTH.lastIndex = 0;
    }
  }

  /* ---- The real count: search-worker.js lists at most 200 entries and tells the count on the channel. */
  var counts = null;
  function summarize() {
    var meta = resultRoot.querySelector(".md-search-result__meta");
    if (!meta || !counts || !counts.shortened || counts.query !== input.value) return;
    var text = "找到" + (counts.exact ? " " : "约 ") + counts.total + " 个符合条件的结果，列出" +
      (counts.sort === "time" ? "最新" : "最相关") + "的 " + counts.listed + " 条目录信息";
    if (meta.textContent !== text) meta.textContent = text;
  }
  if (channel) channel.onmessage = function (event) { counts = event.data; summarize(); };

  /* ---- The order: links (reachable with Material's arrow keys, each a URL) acting as toggle buttons. A
     link's first element carries a score below every result's, so Material's Enter still opens the best
     result; the group is in the list only while there are results. */
  var sorter = document.createElement("p");
  sorter.className = "dc-site-sort";
  sorter.setAttribute("role", "group");
  sorter.setAttribute("aria-label", "结果排序");
  sorter.appendChild(document.createTextNode("排序："));
  [["relevance", "按相关度"], ["time", "按时间"]].forEach(function (option) {
    var link = document.createElement("a"), label = document.createElement("span");
    link.id = "dc-site-sort-" + option[0];
    link.setAttribute("role", "button");
    link.dataset.sort = option[0];
    label.setAttribute("data-md-score", "-1");
    label.textContent = option[1];
    link.appendChild(label);
    sorter.appendChild(link);
  });
  function urlFor(query, order) {
    var params = new URLSearchParams(location.search);
    params.delete("q");
    params.delete("sort");
    if (query) params.set("q", query);
    if (query && order === "time") params.set("sort", "time");
    var search = params.toString();
    return location.pathname + (search ? "?" + search : "") + location.hash;
  }
  function updateSorter() {
    var list = resultRoot.querySelector(".md-search-result__list");
    var wanted = Boolean(input.value.trim() && list && list.children.length);
    Array.prototype.forEach.call(sorter.children, function (link) {
      link.href = urlFor(input.value.trim(), link.dataset.sort);
      link.setAttribute("aria-pressed", String(link.dataset.sort === sort));
    });
    if (wanted && sorter.parentNode !== resultRoot) resultRoot.insertBefore(sorter, list);
    else if (!wanted && sorter.parentNode) sorter.remove();
  }
  function setSort(order) {
    if (order === sort) return;
    sort = order;
    counts = null;
    if (channel) channel.postMessage({ sort: sort }); // the worker answers the last query again
    updateSorter();
  }
  function choose(event) {
    var link = event.target.closest("a[data-sort]");
    if (!link || event.type === "keydown" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation(); // Material would close the dialog (click) or move focus to the query (keys)
    setSort(link.dataset.sort);
    if (!ownsQuery) DisclosureSearchHistory.write(urlFor(input.value.trim(), sort), true, link.id);
    link.focus();
  }
  sorter.addEventListener("click", choose);
  sorter.addEventListener("keydown", choose);

  /* ---- The URL: typing replaces one entry, Enter, a result or the order commit it (search-history.js). */
  function writeQuery(committed) {
    if (ownsQuery || restoring || !toggle.checked) return;
    DisclosureSearchHistory.write(urlFor(input.value.trim(), sort), committed, null);
  }
  input.addEventListener("input", function () { writeQuery(false); });
  input.form.addEventListener("reset", function () { setTimeout(function () { writeQuery(false); }, 0); });
  input.addEventListener("keydown", function (event) { if (event.key === "Enter") writeQuery(true); });
  resultRoot.addEventListener("click", function (event) { // a result opens: the search stays in its entry
    if (event.target.closest("a[href]:not([data-sort])")) { writeQuery(true); leaving = true; }
  }, true);
  window.addEventListener("change", function (event) { // before Material's own handler of ?q=
    if (event.target !== toggle || toggle.checked || ownsQuery || restoring) return;
    if (leaving) { leaving = false; return; }
    var here = DisclosureSearchHistory.here(), closed = urlFor("", sort);
    if (closed === here) return;
    DisclosureSearchHistory.write(here, true, null); // Back brings the dialog and its results again
    DisclosureSearchHistory.write(closed, true, null);
  }, true);

  /* ---- Back and Forward (and a page restored from the back-forward cache): the query, order, results and
     focus of that entry. */
  function restore() {
    if (ownsQuery) return;
    var params = new URLSearchParams(location.search), query = params.get("q") || "";
    restoring = true;
    setSort(params.get("sort") === "time" ? "time" : "relevance");
    if (query) {
      if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change", { bubbles: true })); }
      input.value = query;
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); // Material reads the value on keyup
      var focus = document.getElementById(DisclosureSearchHistory.focus() || "") || input;
      focus.focus();
    } else if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change", { bubbles: true }));
    }
    restoring = false;
    updateSorter();
  }
  window.addEventListener("popstate", restore);
  window.addEventListener("pageshow", function (event) { if (event.persisted) restore(); });

  function watchResults() {
    clean(resultRoot);
    new MutationObserver(function () { clean(resultRoot); summarize(); updateSorter(); })
      .observe(resultRoot, { childList: true, subtree: true, characterData: true });
  }

  /* Material opens its search from ?q= itself; this covers the case where it did not (e.g. the
     catalogue search kept ?q= for itself on the column home, which sets data-dc-owns-q). */
  function openFromQuery() {
    if (ownsQuery) return;
    var query = new URLSearchParams(location.search).get("q");
    if (!query || toggle.checked) return;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change", { bubbles: true }));
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.focus();
  }

  function start() {
    watchResults();
    setTimeout(openFromQuery, 0);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
