/* Site-wide search in Material's dialog (engine: search-worker.js): open pre-filled from ?q=, show
   titles without zero-width spaces (jieba's, when Material segments), and state the real number of
   results when the list stops at the newest entries. Plain ES2017, no build step. */
(function () {
  "use strict";
  var ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff]/g;

  function clean(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (ZERO_WIDTH.test(node.nodeValue)) node.nodeValue = node.nodeValue.replace(ZERO_WIDTH, "");
      ZERO_WIDTH.lastIndex = 0;
    }
  }

  /* search-worker.js lists at most the newest 200 entries; it tells the real count on this channel. */
  var counts = null;
  function summarize() {
    var meta = document.querySelector("[data-md-component=search-result] .md-search-result__meta");
    var input = document.querySelector("[data-md-component=search-query]");
    if (!meta || !input || !counts || !counts.shortened || counts.query !== input.value) return;
    var text = "找到" + (counts.exact ? " " : "约 ") + counts.total + " 个符合条件的结果，列出最新的 " + counts.listed + " 条目录信息";
    if (meta.textContent !== text) meta.textContent = text;
  }
  if (typeof BroadcastChannel === "function") {
    new BroadcastChannel("dc-site-search").onmessage = function (event) { counts = event.data; summarize(); };
  }

  function watchResults() {
    var results = document.querySelectorAll("[data-md-component=search-result]");
    Array.prototype.forEach.call(results, function (root) {
      clean(root);
      new MutationObserver(function () { clean(root); summarize(); })
        .observe(root, { childList: true, subtree: true, characterData: true });
    });
  }

  /* Material opens its search from ?q= itself; this covers the case where it did not (e.g. the
     catalogue search kept ?q= for itself on the column home, which sets data-dc-owns-q). */
  function openFromQuery() {
    if (document.querySelector("[data-dc-owns-q]")) return;
    var query = new URLSearchParams(location.search).get("q");
    var toggle = document.getElementById("__search");
    var input = document.querySelector("[data-md-component=search-query]");
    if (!query || !toggle || !input || toggle.checked) return;
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
