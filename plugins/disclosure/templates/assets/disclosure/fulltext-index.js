/* The column's entries in the site-wide search: reads the bigram index the plugin writes to
   <prefix>/fulltext/ (disclosure/search/fulltext.py) bucket by bucket as queries need them, and confirms
   candidates against the display rows and, for body matches of long words, the body texts.
   Loaded by search-worker.js (importScripts, after fold.js); plain ES2017, no build step.
   DisclosureFullText.entries(words, sort) → Promise of {data: manifest, rows, total, exact}, rows ranked by
   relevance (head: title, 文号, 索引号; then 主题词, 内容概述, 发布机构; then body only) or newest first. */
"use strict";

var DisclosureFullText = (function () {
  var ENTRY_LIMIT = 200; // entries listed at most; the rest are counted and left to the catalogue search
  var BODY_FILES = 8; // body texts fetched per query at most (≈0.4 MB gzip); beyond, see confirmed()
  var INDEX = new URL(new URLSearchParams(self.location.search).get("index") || "../../gkml/fulltext/", self.location.href);
  var fold = DisclosureFold.fold;
  var manifest = null, buckets = {}, docChunks = {}, bodyTexts = {};

  function fetchOk(url, kind, options) {
    return fetch(url, options).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response[kind]();
    });
  }
  var FORMAT = 5; // fulltext.FORMAT: another (a newer build under an older page) is not read, pages are searched alone
  function loadManifest() {
    if (!manifest) manifest = fetchOk(new URL("manifest.json", INDEX), "json", { cache: "no-cache" }).then(function (data) { // hashed files: any cache
      if (data.format !== FORMAT) throw new Error("format " + data.format);
      data.positions = fetchOk(new URL(data.order, INDEX), "text").then(function (text) { return positionsOf(text, data.count); });
      data.positions.catch(Boolean); // fetched beside the buckets; a query that needs it sees its failure
      return data;
    });
    return manifest;
  }
  function positionsOf(text, count) { // doc id → catalogue position: the order file lists the ids newest first, each a step from the last
    var steps = text.split(","), ids = new Int32Array(count), id = 0, largest = 0;
    for (var at = 0; at < count; at++) {
      id += parseInt(steps[at], 36);
      ids[at] = id;
      if (id > largest) largest = id;
    }
    var positions = new Int32Array(largest + 1);
    for (at = 0; at < count; at++) positions[ids[at]] = at;
    return positions;
  }
  function bucketOf(gram, count) { // FNV-1a over UTF-16 code units, as fulltext.bucket_of
    var value = 0x811c9dc5;
    for (var i = 0; i < gram.length; i++) value = Math.imul(value ^ gram.charCodeAt(i), 0x01000193) >>> 0;
    return value % count;
  }
  function bucket(data, n) {
    if (!buckets[n]) buckets[n] = fetchOk(new URL(data.buckets[n], INDEX), "text");
    return buckets[n];
  }
  function byNumber(a, b) { return a - b; }
  function postings(text, gram, positions) { // [head, other metadata, body] of one gram: catalogue positions, ascending
    var key = gram + "\t", at = 0;
    if (!text.startsWith(key)) {
      at = text.indexOf("\n" + key);
      if (at < 0) return [[], [], []];
      at += 1;
    }
    var end = text.indexOf("\n", at);
    return text.slice(at + key.length, end < 0 ? text.length : end).split("\t").map(function (list) {
      var found = [], id = 0; // doc ids come from index numbers: positions[id] is where the catalogue has the entry
      if (list) list.split(",").forEach(function (delta) { id += parseInt(delta, 36); found.push(positions[id]); });
      return found.sort(byNumber);
    });
  }
  var MAX_PAIRS = 16; // per word: a long pasted sentence fetches at most this many buckets
  function gramsOf(word) { // the word's one character, or its adjacent pairs (spread out when many)
    var chars = Array.from(word);
    if (chars.length === 1) return chars;
    var pairs = [], step = Math.max(1, (chars.length - 1) / MAX_PAIRS);
    for (var i = 0; i + 1 < chars.length; i += step) pairs.push(chars[Math.floor(i)] + chars[Math.floor(i) + 1]);
    var last = chars[chars.length - 2] + chars[chars.length - 1];
    pairs.push(last);
    return pairs.filter(function (pair, at) { return pairs.indexOf(pair) === at; });
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }
  function union(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
      else { if (a[i] === b[j]) i++; out.push(b[j++]); }
    }
    return out;
  }
  function allOf(lists) {
    return lists.slice().sort(function (a, b) { return a.length - b.length; }).reduce(intersect);
  }
  /* Per word: ids whose head (title, 文号, 索引号), metadata (head or the rest) or body holds every gram;
     and the candidates holding every word in metadata or body, ascending (newest first). */
  function candidates(data, list) {
    return Promise.all(list.map(function (word) {
      return Promise.all(gramsOf(word).map(function (gram) {
        return Promise.all([bucket(data, bucketOf(gram, data.buckets.length)), data.positions]).then(function (both) {
          return postings(both[0], gram, both[1]);
        });
      })).then(function (found) {
        return { word: word, head: allOf(found.map(function (p) { return p[0]; })),
          meta: allOf(found.map(function (p) { return union(p[0], p[1]); })), body: allOf(found.map(function (p) { return p[2]; })) };
      });
    })).then(function (perWord) {
      return { perWord: perWord, ids: allOf(perWord.map(function (w) { return union(w.meta, w.body); })) };
    });
  }
  var groupOf = DisclosureFold.rankGroup; // groups are confirmed in order, each newest first
  /* The confirmation order (by time: all candidates in one group): groups of ids from what the pairs allow
     (a word whose pairs are all in the head may be in it; one of more than two characters is confirmed
     later, and moves down when it is not). */
  function groups(found, sort, count) {
    if (sort !== "relevance") return [found.ids.slice()];
    var marks = found.perWord.map(function (w) {
      var mark = new Uint8Array(count);
      w.meta.forEach(function (id) { mark[id] = 2; });
      w.head.forEach(function (id) { mark[id] = 1; });
      return mark;
    });
    var out = [];
    for (var g = 0; g < 3 * found.perWord.length; g++) out.push([]);
    var tiers = marks.map(function () { return 3; });
    found.ids.forEach(function (id) {
      for (var w = 0; w < marks.length; w++) tiers[w] = marks[w][id] || 3;
      out[groupOf(tiers)].push(id);
    });
    return out;
  }
  /* Whether a candidate's metadata really holds its words (a true substring, not only the pairs). Returns
     null, or {tiers, inBody: the words found only in the body}: a pair or a character is exact there,
     longer words still need the body text (bodyHolds). */
  function confirm(row, id, perWord) {
    var head = fold([row[0], row[1], row[3]].join("\n")), other = fold([row[4], row[5], row[6]].join("\n"));
    var inBody = [], tiers = [];
    for (var i = 0; i < perWord.length; i++) {
      var word = perWord[i].word;
      if (head.indexOf(word) >= 0) tiers.push(1);
      else if (other.indexOf(word) >= 0) tiers.push(2);
      else if (!has(perWord[i].body, id)) return null;
      else { tiers.push(3); inBody.push(word); }
    }
    return { tiers: tiers, inBody: inBody };
  }
  function isLong(word) { return Array.from(word).length > 2; }
  /* The body files to read, in the order results need them: those of the first candidates whose metadata
     cannot hold some long word (not all of its pairs there), at most BODY_FILES; their fetches start now. */
  function plannedBodies(data, found, order) {
    var planned = {}, count = 0, long = found.perWord.filter(function (w) { return isLong(w.word); });
    var bodies = data.bodies || [];
    for (var i = 0; long.length && i < order.length && count < BODY_FILES; i++) {
      var id = order[i];
      if (long.every(function (w) { return has(w.meta, id); })) continue;
      var n = bodyFileOf(bodies, id);
      if (n >= 0 && !planned[n]) { planned[n] = bodyLines(bodies, n); count++; }
    }
    return planned;
  }
  function lastAtMost(sorted, id, key) { // position of the last item whose key is ≤ id, or -1
    var low = 0, high = sorted.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (key(sorted[middle]) <= id) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found;
  }
  function firstOf(file) { return file[0]; }
  function itself(id) { return id; }
  function bodyFileOf(bodies, id) { return lastAtMost(bodies, id, firstOf); }
  function has(sorted, id) { var at = lastAtMost(sorted, id, itself); return at >= 0 && sorted[at] === id; }
  function bodyLines(bodies, n) {
    if (!bodyTexts[n]) bodyTexts[n] = fetchOk(new URL(bodies[n][1], INDEX), "text").then(function (text) { return text.split("\n"); });
    return bodyTexts[n];
  }
  /* Promise of whether the body holds every word of `long`; null when its file is not planned. */
  function bodyHolds(data, planned, id, long) {
    var bodies = data.bodies || [], n = bodyFileOf(bodies, id);
    if (!planned[n]) return Promise.resolve(null);
    return planned[n].then(function (lines) {
      var body = lines[id - bodies[n][0]] || "";
      return long.every(function (word) { return body.indexOf(word) >= 0; });
    });
  }
  function chunk(data, n) {
    if (!docChunks[n]) docChunks[n] = fetchOk(new URL(data.docs[n], INDEX), "json");
    return docChunks[n];
  }
  /* Confirmed matches in ranking order, up to ENTRY_LIMIT: {rows: [[row, words only in body, group]], total,
     exact}. Words of one or two characters are exact in the index (a pair is a substring): then the total
     is known without reading rows. Longer words are confirmed row by row (metadata, then body text) until
     the list is full; a row whose words turn out to sit lower than their pairs promised moves to its
     group, which comes later. Beyond the planned body files, the bodies checked so far decide: when most
     held the words, a body match is taken on its pairs; when most did not, it is left out (and the count
     is approximate either way). */
  function confirmed(data, found, sort) {
    var queue = groups(found, sort, data.count), order = [].concat.apply([], queue), planned = plannedBodies(data, found, order);
    var rows = [], done = 0, g = 0, at = 0, moved = {}, checked = 0, held = 0, guessed = false;
    var exact = !found.perWord.some(function (w) { return isLong(w.word); });
    order.slice(0, ENTRY_LIMIT).forEach(function (id) { chunk(data, Math.floor(id / data.chunk)).catch(Boolean); }); // all at once
    function place(id, row, inBody, group) { // group: the one it is in now; placed there, or moved down
      if (group > g) {
        var later = queue[group];
        later.splice(lastAtMost(later, id, itself) + 1, 0, id);
        moved[id] = [row, inBody, group];
      } else { rows.push([row, inBody, group]); done++; }
    }
    function next() {
      while (g < queue.length && at >= queue[g].length) { g++; at = 0; }
      if (g >= queue.length || rows.length >= ENTRY_LIMIT) {
        return Promise.resolve({ rows: rows, total: exact ? found.ids.length : found.ids.length - done + rows.length,
          exact: exact || (g >= queue.length && !guessed) });
      }
      var id = queue[g][at++];
      if (moved[id]) { rows.push(moved[id]); done++; return next(); }
      return chunk(data, Math.floor(id / data.chunk)).then(function (chunkRows) {
        var row = chunkRows[id % data.chunk], match = confirm(row, id, found.perWord);
        if (!match) { done++; return; }
        var group = sort === "relevance" ? groupOf(match.tiers) : 0, long = match.inBody.filter(isLong);
        if (!long.length) return place(id, row, match.inBody, group);
        return bodyHolds(data, planned, id, long).then(function (holds) {
          if (holds !== null) { checked++; held += holds ? 1 : 0; } else guessed = true;
          if (holds || (holds === null && held * 2 >= checked)) place(id, row, match.inBody, group);
          else done++;
        });
      }).then(next);
    }
    return next();
  }

  function entries(list, sort) { // sort: "relevance" or "time"
    return loadManifest().then(function (data) {
      return candidates(data, list).then(function (found) { return confirmed(data, found, sort); }).then(function (found) {
        found.data = data;
        return found;
      });
    });
  }
  function reset() { // no column index, offline, or a newer build: start afresh next time
    manifest = null;
    buckets = {};
    docChunks = {};
    bodyTexts = {};
  }
  return { entries: entries, reset: reset, loadManifest: loadManifest, bucketOf: bucketOf };
})();
