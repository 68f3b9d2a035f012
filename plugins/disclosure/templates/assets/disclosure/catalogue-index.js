/* Catalogue search (目录检索): the data side. Plain ES2017, no build step.
   A shard (see disclosure/search/shards.py) holds one text line per entry, newest first, fields
   separated by tabs. Nothing is done per entry at load time: the whole text is folded once
   (table lookup) and its line starts noted; a query word is found with String.indexOf over the
   folded text and hits are mapped to lines. catalogue-search.js does the page. */
(function () {
  "use strict";

  var fold = DisclosureFold.fold, foldText = DisclosureFold.foldText; // fold.js, loaded first

  /* ---- Shards */
  function lineStarts(text) { // starts[r] = offset of line r; starts[n] = text.length + 1
    var starts = [0];
    for (var at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
    starts.push(text.length + 1);
    return Int32Array.from(starts);
  }
  function prepare(data, year) { // typed arrays: compact and quick to index
    return { year: year, text: data.text, folded: foldText(data.text), starts: lineStarts(data.text),
      n: data.pub.length, pub: Int32Array.from(data.pub), cat: Int32Array.from(data.cat),
      val: Int32Array.from(data.val), date: Int32Array.from(data.date) };
  }
  function fetchJson(url, cache, priority) {
    return fetch(url, { cache: cache, priority: priority }).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }
  function jobsOf(manifest, manifestUrl) { // one per shard, in manifest order (newest first)
    var jobs = [];
    manifest.years.forEach(function (year) {
      year.files.forEach(function (file) { jobs.push({ year: year.year, url: new URL(file, manifestUrl).href }); });
    });
    return jobs;
  }
  function fetchFilter(manifest, manifestUrl) { // the shard bitmaps, or null (then every shard may match)
    if (!manifest.filter) return Promise.resolve(null);
    return fetch(new URL(manifest.filter.file, manifestUrl).href).then(function (response) {
      return response.ok ? response.arrayBuffer() : null;
    }).catch(function () { return null; });
  }
  /* The newest shard and the bitmaps first; then the shards `onManifest` says the first search needs
     (null: all), then the rest. Each shard is prepared and handed over as it arrives. */
  function loadAll(manifestUrl, onManifest, onShard) {
    return fetchJson(manifestUrl, "no-cache").then(function (manifest) { // shard names are content hashes: cacheable
      var jobs = jobsOf(manifest, manifestUrl), started = jobs.map(function () { return null; });
      var get = function (k) {
        if (!started[k]) started[k] = fetchJson(jobs[k].url, "default", "high").then(function (data) { onShard(k, prepare(data, jobs[k].year)); });
        return started[k];
      };
      get(0);
      return fetchFilter(manifest, manifestUrl).then(function (buffer) {
        var first = onManifest(manifest, slots(manifest, jobs, buffer)) || jobs.map(function (_, k) { return k; });
        return Promise.all(first.map(get));
      }).then(function () { return Promise.all(jobs.map(function (_, k) { return get(k); })); });
    });
  }
  function slots(manifest, jobs, buffer) { // per shard: its year and bitmap (see disclosure/search/shard_filter.py)
    var offset = 0, size = buffer && manifest.filter.bits.reduce(function (sum, log2) { return sum + (1 << (log2 - 3)); }, 0);
    if (buffer && (buffer.byteLength !== size || manifest.filter.bits.length !== jobs.length)) buffer = null; // not ours: unused
    return jobs.map(function (job, k) {
      var log2 = buffer ? manifest.filter.bits[k] : 0, bits = buffer ? new Uint8Array(buffer, offset, 1 << (log2 - 3)) : null;
      offset += buffer ? 1 << (log2 - 3) : 0;
      return { year: job.year, bits: bits, mask: (1 << log2) - 1 };
    });
  }
  function pieceHash(text, at, n) { // the same arithmetic as piece_hash in shard_filter.py
    var h = 0x811c9dc5;
    for (var i = at; i < at + n; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    return (h ^ (h >>> 12)) >>> 0;
  }
  function mayHold(slot, word) { // false only when the shard surely lacks the (folded) word
    if (!slot.bits) return true;
    for (var n = 2; n <= 3; n++) {
      for (var at = 0; at + n <= word.length; at++) {
        var position = pieceHash(word, at, n) & slot.mask;
        if (!(slot.bits[position >>> 3] & (1 << (position & 7)))) return false;
      }
    }
    return true;
  }
  function excluded(query, slot) { // the shard has no result for the query, known without its data
    if (query.year !== null && slot.year !== query.year) return true;
    return query.words.some(function (word, w) { return query.pubHits[w].indexOf(1) < 0 && !mayHold(slot, word); });
  }
  function needed(query, slotList) { // shard numbers that may hold results, newest first
    return slotList.map(function (slot, k) { return excluded(query, slot) ? -1 : k; }).filter(function (k) { return k >= 0; });
  }
  function entry(shard, r, manifest) { // one entry's fields, for display
    var fields = shard.text.slice(shard.starts[r], shard.starts[r + 1] - 1).split("\t"), date = shard.date[r];
    return { index: fields[0], title: fields[1], doc: fields[2], kw: fields[3], summary: fields[4],
      publisher: manifest.publishers[shard.pub[r]], cat: shard.cat[r], val: shard.val[r],
      date: shard.year + "-" + String(100 + Math.floor(date / 100)).slice(1) + "-" + String(100 + date % 100).slice(1) };
  }

  /* ---- Queries: words (every one must match) and filters, compiled once per search */
  function subtree(categories, id) { // Uint8Array over category positions: id and its descendants
    var inside = new Uint8Array(categories.length), ids = {};
    categories.forEach(function (c, i) {
      if (c.id === id || (c.parent && ids[c.parent])) { ids[c.id] = true; inside[i] = 1; }
    });
    return inside;
  }
  function compile(state, manifest) {
    var position = function (list, value) { // -2: no filter; -3: a value the catalogue lacks (matches nothing)
      return !value ? -2 : list.indexOf(value) >= 0 ? list.indexOf(value) : -3;
    };
    var words = DisclosureFold.words(state.q);
    return {
      words: words, key: [state.category, state.year, state.publisher, state.validity].join("\n"),
      categories: state.category ? subtree(manifest.categories, state.category) : null,
      year: state.year ? parseInt(state.year, 10) : null,
      pub: position(manifest.publishers, state.publisher),
      val: position(manifest.validity.map(function (v) { return v.id; }), state.validity),
      pubHits: words.map(function (word) { // publishers are matched by name once, then rows by number
        return Uint8Array.from(manifest.publishers, function (name) { return fold(name).indexOf(word) >= 0 ? 1 : 0; });
      })
    };
  }

  /* ---- Matching one shard: rows (line numbers, newest first) as an Int32Array */
  function filtered(shard, query) {
    if (query.year !== null && shard.year !== query.year) return new Int32Array(0);
    if (!query.categories && query.pub === -2 && query.val === -2) return null; // null: every row
    var rows = new Int32Array(shard.n), m = 0;
    for (var r = 0; r < shard.n; r++) {
      if (query.categories && !query.categories[shard.cat[r]]) continue;
      if (query.pub !== -2 && shard.pub[r] !== query.pub) continue;
      if (query.val !== -2 && shard.val[r] !== query.val) continue;
      rows[m++] = r;
    }
    return rows.subarray(0, m);
  }
  function withWord(shard, rows, word, pubHit) { // the rows (null: all) whose text or publisher has the word
    var count = rows ? rows.length : shard.n, out = new Int32Array(count), m = 0;
    var folded = shard.folded, starts = shard.starts, pub = shard.pub, hit = -2;
    var sparse = rows && rows.length * 16 < shard.n; // few rows left: look inside each, not through the text
    for (var i = 0; i < count; i++) {
      var r = rows ? rows[i] : i;
      if (pubHit[pub[r]]) { out[m++] = r; continue; }
      if (sparse) {
        if (folded.slice(starts[r], starts[r + 1]).indexOf(word) >= 0) out[m++] = r;
        continue;
      }
      if (hit !== -1 && hit < starts[r]) hit = folded.indexOf(word, starts[r]); // next hit at or after the row
      if (hit !== -1 && hit < starts[r + 1]) out[m++] = r;
    }
    return out.subarray(0, m);
  }
  function matchShard(shard, query, rows) { // rows: a previous, wider result to narrow, or undefined
    if (rows === undefined) rows = filtered(shard, query);
    for (var w = 0; w < query.words.length && (rows === null || rows.length); w++) {
      rows = withWord(shard, rows, query.words[w], query.pubHits[w]);
    }
    if (rows === null) { rows = new Int32Array(shard.n); for (var r = 0; r < shard.n; r++) rows[r] = r; }
    return rows;
  }

  /* ---- A search over all shards; results per shard are kept, so a shard that arrives later, or a
     query that only adds characters to the last one, costs only the new work. */
  function narrows(query, previous) { // every result of `query` is a result of `previous`
    return previous && previous.key === query.key && previous.words.every(function (old) {
      return query.words.some(function (word) { return word.indexOf(old) >= 0; });
    });
  }
  /* `stop(known, visited, n)`, if given, is asked before each further shard (n lines): `known` results
     are then known in a row from the newest, after `visited` lines; true leaves the rest for a later
     call with the returned result (the same query continues where it stopped). */
  function search(query, shards, previous, slotList, stop) {
    var same = previous && previous.key === query.key && previous.words.join(" ") === query.words.join(" ");
    var result = same ? previous : { key: query.key, words: query.words, query: query, rows: [],
      base: narrows(query, previous) ? previous.rows : [] }; // the wider rows to narrow (some may be missing)
    var known = 0, visited = 0, inRow = true;
    for (var k = 0; k < shards.length; k++) {
      var shard = shards[k];
      if (!result.rows[k] && shard && stop && stop(known, visited, shard.n)) break;
      if (!result.rows[k] && shard) { result.rows[k] = matchShard(shard, query, result.base[k]); visited += shard.n; }
      else if (!result.rows[k] && slotList && excluded(query, slotList[k])) result.rows[k] = new Int32Array(0);
      inRow = inRow && !!result.rows[k];
      if (inRow) known += result.rows[k].length;
    }
    return result;
  }
  /* ---- By relevance (catalogue-search sort=relevance): a word in the index number, title or 文号 (the first
     three fields of a line) is in tier 1, one found elsewhere (主题词, 内容概述, 发布机构) in tier 2; rows by
     DisclosureFold.rankGroup, then newest first. Computed once, for a complete result: [shard, row, …]. */
  function ranked(result, shards) {
    if (result.ranked) return result.ranked;
    var words = result.query.words, groups = [], tiers = words.map(function () { return 2; });
    for (var g = 0; g < 2 * words.length; g++) groups.push([]);
    result.rows.forEach(function (rows, k) {
      for (var i = 0; i < rows.length; i++) {
        var shard = shards[k], r = rows[i], start = shard.starts[r], cut = start;
        for (var tab = 0; tab < 3; tab++) cut = shard.folded.indexOf("\t", cut) + 1;
        var head = shard.folded.slice(start, cut);
        for (var w = 0; w < words.length; w++) tiers[w] = head.indexOf(words[w]) >= 0 ? 1 : 2;
        groups[DisclosureFold.rankGroup(tiers)].push(k, r);
      }
    });
    result.ranked = [].concat.apply([], groups);
    return result.ranked;
  }
  /* [[shard, row], …] from `offset`, or null while a shard it needs is missing; by relevance (`byRelevance`,
     for a complete result with words) in ranked order. */
  function page(result, shards, offset, size, byRelevance) {
    var out = [];
    if (byRelevance) {
      var order = ranked(result, shards);
      for (var at = 2 * Math.max(0, offset); at < order.length && out.length < size; at += 2) {
        out.push([shards[order[at]], order[at + 1]]);
      }
      return out;
    }
    for (var k = 0; k < shards.length && out.length < size; k++) {
      if (!result.rows[k]) return null;
      var rows = result.rows[k];
      for (var i = Math.max(0, offset); i < rows.length && out.length < size; i++) out.push([shards[k], rows[i]]);
      offset -= rows.length;
    }
    return out;
  }
  function complete(result, shards) { // every shard searched, or known to have no result
    for (var k = 0; k < shards.length; k++) if (!result.rows[k]) return false;
    return true;
  }
  function total(result) { return result.rows.reduce(function (sum, rows) { return sum + (rows ? rows.length : 0); }, 0); }

  window.DisclosureCatalogueIndex = { fold: fold, foldText: foldText, loadAll: loadAll, entry: entry,
    compile: compile, search: search, page: page, total: total, complete: complete, needed: needed, pieceHash: pieceHash };
})();
