/* Folding (and the ranking groups) shared by the catalogue search (catalogue-index.js) and the site-wide search worker
   (search-worker.js): full-width ASCII → half-width, bracket variants → [ ], upper → lower case,
   the table of disclosure/search/fold.py. Every UTF-16 unit maps to exactly one unit, so positions
   in folded text are positions in the original. Plain ES2017; works in pages and in workers. */
var DisclosureFold = (function () {
  "use strict";
  var OPEN = "(〔【〖〘﹝", CLOSE = ")〕】〗〙﹞";
  var FOLD_RE = /[\uff01-\uff5e\u3000()\u3010\u3011\u3014\u3015\u3016\u3017\u3018\u3019\ufe5d\ufe5eA-Z]/g;
  function foldChar(ch) {
    var code = ch.charCodeAt(0);
    if (code === 0x3000) return " ";
    if (code >= 0xff01 && code <= 0xff5e) ch = String.fromCharCode(code - 0xfee0);
    if (OPEN.indexOf(ch) >= 0) return "[";
    if (CLOSE.indexOf(ch) >= 0) return "]";
    return ch.toLowerCase();
  }
  function fold(text) { return text.replace(FOLD_RE, foldChar); }

  /* The same folding as a lookup table, for whole shards: one pass, no callback per character. */
  var TABLE = new Uint16Array(0x10000);
  for (var code = 0; code < 0x10000; code++) TABLE[code] = code;
  (OPEN + CLOSE + "\u3000\ufe5d\ufe5e" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ").split("").concat(
    Array.from({ length: 0xff5f - 0xff01 }, function (_, i) { return String.fromCharCode(0xff01 + i); }))
    .forEach(function (ch) { TABLE[ch.charCodeAt(0)] = foldChar(ch).charCodeAt(0); });
  var UTF16 = new TextDecoder("utf-16le");
  function foldText(text) {
    var n = text.length, units = new Uint16Array(n);
    for (var i = 0; i < n; i++) units[i] = TABLE[text.charCodeAt(i)];
    return UTF16.decode(units);
  }
  /* A query's words: folded, zero-width characters (pasted from segmented text) dropped, split on
     whitespace, each once. Every word must match, in both searches. */
  var ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
  function words(query) {
    var seen = {};
    return fold(query.replace(ZERO_WIDTH, "")).split(/\s+/).filter(function (word) {
      if (!word || seen[word]) return false;
      return (seen[word] = true);
    });
  }
  /* Ranking by relevance, in both searches: each word's tier in a result (1: title, 文号 or 索引号; 2: 主题词,
     内容概述 or 发布机构; 3: body only) → its group: the best tier, then how many words are in it (more
     first). Results are listed by group, then newest first. */
  function rankGroup(tiers) { // loops, no allocation: called once per candidate
    var best = 3, n = 0;
    for (var i = 0; i < tiers.length; i++) {
      if (tiers[i] < best) { best = tiers[i]; n = 1; } else if (tiers[i] === best) n++;
    }
    return (best - 1) * tiers.length + tiers.length - n;
  }
  /* Where the words occur in `text` (folded), as [start, end] pairs in order: for highlighting. */
  function ranges(text, list) {
    var folded = fold(text), found = [];
    list.forEach(function (word) {
      for (var at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + word.length)) found.push([at, at + word.length]);
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }
  return { fold: fold, foldText: foldText, words: words, rankGroup: rankGroup, ranges: ranges };
})();
