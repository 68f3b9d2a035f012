/* Site-wide full-text search: a drop-in for Material's search worker (same messages, same result
   shape), matching substrings instead of lunr tokens, so Chinese sub-words, 文号 and 索引号 are found.
   Pages come from Material's search_index.json (sent with SETUP); the column's entries from the
   bigram index the plugin writes to <prefix>/fulltext/ (fulltext-index.js). Everything returned as
   HTML is escaped here.
   Results are ranked by relevance (title, 文号 or 索引号; then 主题词, 内容概述 or 发布机构; then body only; within
   a tier more of the query's words, then newer) or by time (pages, then entries newest first).
   Plain ES2017, no build step. The worker URL carries the index folder, its format, the page's channel
   name and the first order: search-worker.js?index=…&format=…&channel=…&sort=time|relevance; the page
   changes the order on that channel (then the last query is answered again). */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var pages = []; // [{location, title, text, foldedTitle, foldedText}]
var queue = Promise.resolve();
var suggest = false; // Material's search.suggest feature expects a (here always empty) list
var workerParams = new URLSearchParams(self.location.search);
var sort = workerParams.get("sort") === "time" ? "time" : "relevance";
var lastQuery = null;

if (typeof DisclosureFullText === "undefined") { // next to this file, by the index's format: a new format is not read by cached code
  var byFormat = "?format=" + encodeURIComponent(workerParams.get("format") || "");
  importScripts("fold.js" + byFormat, "fulltext-index.js" + byFormat);
}
var fold = DisclosureFold.fold, words = DisclosureFold.words;

/* ---- Escaping and highlighting: data only ever reaches Material as escaped text plus <mark> */
var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function escapeHtml(text) { return text.replace(/[&<>"']/g, function (ch) { return ENTITIES[ch]; }); }
var BLOCK_TAG = /<\/?(p|li|ul|ol|pre|div|h[1-6]|table|tr|td|th|br|dl|dt|dd|blockquote)\b[^>]*>/gi;
function plain(html) { // Material's index text: inline tags join words, block tags separate them
  return html.replace(BLOCK_TAG, " ").replace(/<[^>]*>/g, "").replace(/[\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/&(lt|gt|quot|amp|#\d+|#x[0-9a-f]+);/gi, function (_, name) {
      if (name[0] !== "#") return { lt: "<", gt: ">", quot: '"', amp: "&" }[name.toLowerCase()];
      return String.fromCodePoint(name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    }).replace(/\s+/g, " ").trim();
}
/* Escaped `text` with matches in <mark>; with `around`, only a window around the first match. */
function marked(text, list, around) {
  var found = DisclosureFold.ranges(text, list), start = 0, end = text.length;
  if (around && text.length > around) {
    start = found.length ? Math.max(0, found[0][0] - (around >> 2)) : 0;
    end = Math.min(text.length, start + around);
  }
  var html = start > 0 ? "…" : "", position = start;
  found.forEach(function (range) {
    if (range[1] <= position || range[0] >= end) return;
    var from = Math.max(range[0], position), to = Math.min(range[1], end);
    html += escapeHtml(text.slice(position, from)) + "<mark>" + escapeHtml(text.slice(from, to)) + "</mark>";
    position = to;
  });
  return html + escapeHtml(text.slice(position, end)) + (end < text.length ? "…" : "");
}

/* ---- Pages: Material's documents (an article and its sections), matched in full */
function setup(data) {
  suggest = Boolean(data.options && data.options.suggest);
  pages = data.docs.map(function (doc) {
    var title = plain(doc.title || ""), text = plain(doc.text || "");
    return { location: doc.location, title: title, text: text, foldedTitle: fold(title), foldedText: fold(text) };
  });
  DisclosureFullText.loadManifest().catch(DisclosureFullText.reset); // start early; a site without entries has none
}
function termsOf(list) { // Material lists query words a result lacks; ours hold every word
  var terms = {};
  list.forEach(function (word) { terms[word] = true; });
  return terms;
}
function pageItem(page, list, score, rank) {
  return { location: page.location, title: marked(page.title, list), text: marked(page.text, list, 160), score: score,
    terms: termsOf(list), rank: rank };
}
/* Pages grouped by article, the best-matching first; each group carries the rank group of its best
   section (a word in a title: tier 1, in the text only: tier 3, as for entries). */
function matchPages(list) {
  var groups = {}, order = [];
  pages.forEach(function (page) {
    var tiers = list.map(function (w) {
      return page.foldedTitle.indexOf(w) >= 0 ? 1 : page.foldedText.indexOf(w) >= 0 ? 3 : 0;
    });
    if (tiers.indexOf(0) >= 0) return;
    var article = page.location.split("#")[0], inTitle = tiers.every(function (t) { return t === 1; });
    if (!groups[article]) { groups[article] = []; order.push(article); }
    groups[article].push(pageItem(page, list, inTitle ? 2 : 1, DisclosureFold.rankGroup(tiers)));
  });
  return order.map(function (article) {
    var group = groups[article];
    if (!group.some(function (item) { return item.location === article; })) {
      var parent = pages.find(function (page) { return page.location === article; });
      if (parent) group.unshift(pageItem(parent, list, 0, Infinity));
    }
    group.rank = Math.min.apply(null, group.map(function (item) { return item.rank; }));
    return group;
  }).sort(function (a, b) { return best(b) - best(a); });
}
function best(group) { return Math.max.apply(null, group.map(function (item) { return item.score; })); }
/* By relevance: pages and entries merged by rank group (a page before an entry of the same group: pages
   have no date); entries arrive ranked, pages keep their order within a group. */
function merged(pageGroups, entryGroups) {
  if (sort !== "relevance") return pageGroups.concat(entryGroups);
  var ranked = pageGroups.slice().sort(function (a, b) { return a.rank - b.rank; }), out = [], i = 0, j = 0;
  while (i < ranked.length || j < entryGroups.length) {
    if (j >= entryGroups.length || (i < ranked.length && ranked[i].rank <= entryGroups[j].rank)) out.push(ranked[i++]);
    else out.push(entryGroups[j++]);
  }
  return out;
}
/* Material's Enter opens the result with the highest score: the first one listed. */
function scored(groupList) {
  return groupList.map(function (group, at) {
    return group.map(function (item) {
      return { location: item.location, title: item.title, text: item.text, terms: item.terms,
        score: (groupList.length - at) * 4 + (item.score || 0) };
    });
  });
}

/* ---- Entries: title and text as Material renders them */
function entryItem(data, row, inBody, rank, list) {
  var meta = [row[3] ? "文号：" + marked(row[3], list) : "", "索引号：" + marked(row[1], list), "日期：" + escapeHtml(row[2])];
  var text = "<p>" + meta.filter(Boolean).join("　") + "</p>" + (row[4] ? "<p>" + marked(row[4], list, 160) + "</p>" : "") +
    (inBody.length ? "<p>正文含有：" + inBody.map(function (word) { return "<mark>" + escapeHtml(word) + "</mark>"; }).join("、") + "</p>" : "");
  var group = [{ location: data.entry_url.replace("{slug}", row[1].replace(/\//g, "-")), title: marked(row[0], list),
    text: text, score: 0, terms: termsOf(list) }];
  group.rank = rank;
  return group;
}
/* The entries not listed, as a last result linking to the catalogue search. */
function moreItem(data, entries, query) {
  var left = entries.total - entries.rows.length, about = entries.exact ? " " : "约 ";
  return [{ location: data.home + "?q=" + encodeURIComponent(query), title: "还有" + about + left + " 条目录信息未列出",
    text: "<p>这里列出了" + (sort === "time" ? "最新" : "最相关") + "的 " + entries.rows.length +
      " 条。请用更具体的词语，或在信息公开目录检索中按分类、年份、发布机构筛选。</p>", score: 0, terms: {} }];
}
/* Material's summary counts listed items; site-search.js states the real number it gets from here. */
/* The page's own channel (its name comes in the worker URL): counts go out, the order comes in. */
var channel = typeof BroadcastChannel === "function" && workerParams.get("channel") ? new BroadcastChannel(workerParams.get("channel")) : null;
function announce(query, pageCount, entries) {
  if (channel) channel.postMessage({ query: query, sort: sort, total: pageCount + entries.total, listed: entries.rows.length,
    shortened: entries.total > entries.rows.length, exact: entries.exact });
}
function search(query) {
  var list = words(query);
  if (!list.length) return Promise.resolve({ items: [] });
  var pageGroups = matchPages(list);
  return DisclosureFullText.entries(list, sort).then(function (entries) {
    var data = entries.data;
    var items = scored(merged(pageGroups, entries.rows.map(function (row) { return entryItem(data, row[0], row[1], row[2], list); })));
    if (entries.total > entries.rows.length) items.push(moreItem(data, entries, query.trim()));
    announce(query, pageGroups.length, entries);
    return suggest ? { items: items, suggest: [] } : { items: items };
  }).catch(function () { // no column index, offline, or a newer build: pages only
    DisclosureFullText.reset();
    return { items: scored(merged(pageGroups, [])) };
  });
}
function answer(query) {
  lastQuery = query;
  queue = queue.then(function () { return search(query); }).then(function (result) {
    if (query === lastQuery) postMessage({ type: RESULT, data: result });
  });
}
if (channel) {
  channel.onmessage = function (event) { // a new order: Material shows any result it is sent
    var next = event.data && event.data.sort === "time" ? "time" : event.data && event.data.sort === "relevance" ? "relevance" : null;
    if (!next || next === sort) return;
    sort = next;
    if (lastQuery !== null) answer(lastQuery);
  };
}

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    setup(message.data);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    answer(message.data);
  }
});
