/* Catalogue search (目录检索) on the column home. Plain ES2017, no build step.
   Reads <prefix>/search/manifest.json and the year shards it lists, matches any substring of title,
   文号, 索引号, 主题词, 内容概述 and 发布机构, and keeps its state in the page URL (history:
   search-history.js, which every page loads after this one; it is used only from events).
   With words, results are listed newest first (default) or by relevance (sort=relevance).
   Data never goes through innerHTML: text nodes and <mark> elements only. */
(function () {
  "use strict";
  var root = document.querySelector("[data-dc-catalogue-search]");
  if (!root) return;
  var PAGE_SIZE = 20;
  var FIELDS = ["q", "category", "year", "publisher", "validity"];
  var form = root.querySelector("form"), status = root.querySelector("[data-dc-status]");
  var results = root.querySelector("[data-dc-results]"), list = root.querySelector("[data-dc-list]");
  var pager = root.querySelector("[data-dc-pager]"), sorter = root.querySelector("[data-dc-sort]");
  var Index = window.DisclosureCatalogueIndex;
  var manifest = null;
  var shards = []; // prepared shards in manifest order (newest first); null until fetched
  var slots = null; // per shard: year and bitmap of the pieces of its text
  var result = null; // the last search, reused when a shard arrives or the query only grows
  var ready = false;
  var current = null; // the state last rendered
  var partial = false; // newest results already shown while older shards still load
  var pending = null; // the state whose count is still being finished in slices after the frame
  var shown = ""; // the rows in the list, so an unchanged page is not built again
  /* While typing (input events), the handler searches only the newest shards a page needs (plus up
     to SYNC_LINES lines); the count finishes after the next frame in slices of SLICE_MS. The live
     region gets the final count only: meanwhile `progress`, hidden from screen readers, replaces it. */
  var SYNC_LINES = 4000, SLICE_MS = 4;
  var progress = document.createElement("p");
  progress.className = "dc-search__status";
  progress.setAttribute("aria-hidden", "true");
  progress.hidden = true;
  status.parentNode.insertBefore(progress, status);

  /* ---- Material opens its own search dialog from ?q=; on this page ?q= belongs to the catalogue. */
  var initialSearch = location.search;
  if (new URLSearchParams(initialSearch).has("q")) {
    history.replaceState(history.state, "", location.pathname + location.hash);
    window.addEventListener("load", function () {
      setTimeout(function () {
        if (!location.search) history.replaceState(history.state, "", location.pathname + initialSearch + location.hash);
      }, 0);
    });
  }

  /* ---- Data: every shard is requested at once and searched as it arrives (catalogue-index.js).
     Measured: a worker that parses and folds the shards was slower on 2 CPUs (start-up, copies). */
  function received(manifestData, slotList) { // returns the shards the first search needs first
    manifest = manifestData;
    slots = slotList;
    fillSelects();
    shards = slots.map(function (_, k) { return shards[k] || null; }); // the newest may already be here
    if (!current) return null;
    render(current); // "loading" until the shards it needs are here
    return isEmpty(current) ? null : Index.needed(Index.compile(current, manifest), slots);
  }
  function arrived(k, shard) {
    shards[k] = shard;
    if (current && !partial) render(current); // only the new shard is searched
  }
  function load() {
    return Index.loadAll(new URL(root.getAttribute("data-manifest"), location.href).href, received, arrived);
  }
  var loading = load(); // as early as possible: the page is still being built

  /* ---- Form */
  function option(select, value, label) {
    var element = document.createElement("option");
    element.value = value;
    element.textContent = label;
    select.appendChild(element);
  }
  function fillSelects() {
    var depth = {};
    manifest.categories.forEach(function (c) {
      depth[c.id] = c.parent ? depth[c.parent] + 1 : 0;
      option(form.elements.category, c.id, "\u3000".repeat(depth[c.id]) + c.title);
    });
    manifest.years.forEach(function (y) { option(form.elements.year, String(y.year), y.year + " 年（" + y.count + " 条）"); });
    manifest.publishers.forEach(function (p) { option(form.elements.publisher, p, p); });
    manifest.validity.forEach(function (v) { option(form.elements.validity, v.id, v.title); });
    root.querySelector("[data-dc-filters]").hidden = false;
  }
  function readUrl(search) {
    var params = new URLSearchParams(search), state = { page: parseInt(params.get("page"), 10) || 1 };
    FIELDS.forEach(function (name) { state[name] = params.get(name) || ""; });
    state.sort = params.get("sort") === "relevance" ? "relevance" : "";
    return state;
  }
  function readForm() { // the order stays what it was
    var state = { page: 1, sort: current ? current.sort : "" };
    FIELDS.forEach(function (name) { state[name] = form.elements[name].value.trim(); });
    return state;
  }
  function writeForm(state) {
    FIELDS.forEach(function (name) {
      var control = form.elements[name];
      control.value = state[name];
      if (control.value !== state[name]) control.value = ""; // a value no longer in the catalogue
    });
  }
  function writeUrl(state, committed, focus) { // focus: the id to focus when Back or Forward returns here
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    if (state.sort) params.set("sort", state.sort);
    if (state.page > 1) params.set("page", String(state.page));
    var query = params.toString();
    DisclosureSearchHistory.write(location.pathname + (query ? "?" + query : "") + location.hash, committed, focus);
  }
  /* ---- The order (按相关度 / 按时间), offered when there are words */
  function showSort(state) {
    sorter.hidden = !DisclosureFold.words(state.q).length;
    Array.prototype.forEach.call(sorter.querySelectorAll("button"), function (button) {
      button.setAttribute("aria-pressed", String(button.value === (state.sort || "time")));
    });
  }
  sorter.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button || !current) return;
    var state = Object.assign({}, current, { page: 1, sort: button.value === "relevance" ? "relevance" : "" });
    if (state.sort === current.sort) return;
    writeUrl(state, true, button.id);
    render(state);
  });

  /* ---- Rendering (rows: catalogue-rows.js) */
  function row(entry, words) { return DisclosureCatalogueRows.row(entry, words, manifest); }
  function pageButton(label, page, enabled) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = label;
    button.disabled = !enabled;
    button.addEventListener("click", function () {
      var state = Object.assign({}, current, { page: page });
      writeUrl(state, true, "dc-results-title");
      render(state);
      results.querySelector("h3").focus();
    });
    return button;
  }
  function renderPager(page, pages) {
    pager.textContent = "";
    pager.hidden = pages <= 1;
    if (pages <= 1) return;
    pager.appendChild(pageButton("上一页", page - 1, page > 1));
    var info = document.createElement("span");
    info.textContent = "第 " + page + " / " + pages + " 页";
    pager.appendChild(info);
    pager.appendChild(pageButton("下一页", page + 1, page < pages));
  }
  function isEmpty(state) { return FIELDS.every(function (name) { return !state[name]; }); }
  function say(text) {
    progress.hidden = true;
    status.classList.remove("dc-search__status--pending");
    status.removeAttribute("aria-busy");
    if (status.textContent !== text) status.textContent = text;
  }
  function show(rows, words) {
    var key = words.join(" ") + "|" + rows.map(function (at) { return shards.indexOf(at[0]) + ":" + at[1]; }).join(",");
    results.hidden = false;
    if (key === shown) return;
    var items = document.createDocumentFragment();
    rows.forEach(function (at) { items.appendChild(row(Index.entry(at[0], at[1], manifest), words)); });
    list.textContent = "";
    list.appendChild(items);
    shown = key;
  }
  function clear() { list.textContent = ""; shown = ""; }
  function render(state, typing) { // typing: the count may finish after the frame
    current = state;
    partial = false;
    pending = null;
    showSort(state);
    if (isEmpty(state)) { clear(); results.hidden = true; say(""); return; }
    var query = manifest && Index.compile(state, manifest), size = PAGE_SIZE, offset = (Math.max(1, state.page) - 1) * size;
    var stop = ready && typing && function (known, visited, n) { return known >= offset + size && visited + n > SYNC_LINES; };
    if (query) result = Index.search(query, shards, result, slots, stop || null);
    var ranked = query && state.sort === "relevance" && query.words.length > 0; // only a complete result can be ranked
    var rows = query && Index.page(result, shards, offset, size, ranked && Index.complete(result, shards));
    if (!ready && !(rows && Index.complete(result, shards))) { // the newest results show once a full page of them is known
      if (!rows || rows.length < size || ranked) { clear(); say("正在加载目录数据……"); return; }
      show(rows, query.words);
      partial = true;
      renderPager(1, 1);
      say("已显示最新的结果，正在加载其余目录数据……");
      return;
    }
    if (!Index.complete(result, shards)) return provisional(state, ranked ? null : rows, query.words);
    var found = Index.total(result), pages = Math.max(1, Math.ceil(found / size));
    var page = Math.min(Math.max(1, state.page), pages);
    show(page === state.page ? rows : Index.page(result, shards, (page - 1) * size, size, ranked), query.words);
    renderPager(page, pages);
    partial = !ready; // complete before all shards are here (the others cannot match): nothing to redo
    say(found ? "共找到 " + found + " 条信息" + (pages > 1 ? "，第 " + page + " / " + pages + " 页" : "") + "。"
      : "没有找到符合条件的信息。请减少关键词或放宽筛选条件，也可以按主题分类浏览。");
  }
  function provisional(state, rows, words) { // the page's rows now (null: by relevance, after), the count after the frame
    if (rows) show(rows, words);
    renderPager(1, 1);
    progress.textContent = "正在统计符合条件的信息……";
    progress.hidden = false;
    status.classList.add("dc-search__status--pending");
    status.setAttribute("aria-busy", "true");
    pending = state;
    var next = function () { finish(state); }; // two hops: what waits for the frame (the URL) goes first
    requestAnimationFrame(function () { setTimeout(function () { setTimeout(next, 0); }, 0); });
  }
  function finish(state) { // one slice of the rest of the search; a newer render cancels it
    if (pending !== state) return;
    var deadline = performance.now() + SLICE_MS;
    result = Index.search(result.query, shards, result, slots, function (known, visited) {
      return visited > 0 && performance.now() > deadline;
    });
    if (Index.complete(result, shards)) render(state);
    else setTimeout(function () { finish(state); }, 0);
  }

  /* ---- Events */
  form.addEventListener("submit", function (event) { // a committed search: its own history entry
    event.preventDefault();
    var state = readForm();
    writeUrl(state, true, event.submitter && event.submitter.id || "dc-q");
    render(state);
  });
  form.elements.q.addEventListener("input", function () { // results first; the URL after the next frame
    var state = readForm();
    render(state, true);
    requestAnimationFrame(function () {
      setTimeout(function () { if (current === state) writeUrl(state, false, "dc-q"); }, 0);
    });
  });
  ["category", "year", "publisher", "validity"].forEach(function (name) {
    form.elements[name].addEventListener("change", function () {
      var state = readForm();
      writeUrl(state, true, form.elements[name].id);
      render(state);
    });
  });
  root.querySelector("[data-dc-reset]").addEventListener("click", function () {
    var state = { page: 1, q: "", category: "", year: "", publisher: "", validity: "", sort: "" };
    writeForm(state);
    writeUrl(state, true, "dc-q");
    render(state);
    form.elements.q.focus();
  });
  window.addEventListener("popstate", function () { // Back and Forward: the search of that entry, and its focus
    var state = readUrl(location.search), focus = document.getElementById(DisclosureSearchHistory.focus() || "dc-q");
    writeForm(state);
    render(state);
    if (focus && !focus.closest("[hidden]")) focus.focus();
  });

  var firstState = readUrl(initialSearch);
  form.elements.q.value = firstState.q;
  render(firstState);
  loading.then(function () {
    ready = true;
    var state = location.search ? readUrl(location.search) : firstState;
    writeForm(state);
    render(state);
    root.setAttribute("data-dc-ready", "");
  }).catch(function () {
    status.textContent = "目录数据加载失败，请刷新页面重试，或按主题分类浏览。";
  });
})();
