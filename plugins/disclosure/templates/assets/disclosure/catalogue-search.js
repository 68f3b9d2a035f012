/* Catalogue search (目录检索) on the column home. Plain ES2017, no build step.
   Reads <prefix>/search/manifest.json and the year shards it lists, matches any substring of title,
   文号, 索引号, 主题词, 内容概述 and 发布机构, and keeps its state in the page URL.
   Data never goes through innerHTML: text nodes and <mark> elements only. */
(function () {
  "use strict";
  var root = document.querySelector("[data-dc-catalogue-search]");
  if (!root) return;
  var PAGE_SIZE = 20;
  var FIELDS = ["q", "category", "year", "publisher", "validity"];
  var form = root.querySelector("form"), status = root.querySelector("[data-dc-status]");
  var results = root.querySelector("[data-dc-results]"), list = root.querySelector("[data-dc-list]");
  var pager = root.querySelector("[data-dc-pager]");
  var manifest = null;
  var entries = [];
  var ready = false;
  var current = null; // the state last rendered
  var partial = false; // newest results already shown while older shards still load

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

  /* ---- Folding: full-width ASCII → half-width, bracket variants → [ ], upper → lower case.
     Every UTF-16 unit maps to exactly one unit, so positions in folded text are positions in the original. */
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
  function terms(query) { return fold(query).split(/\s+/).filter(Boolean); } // every word must match

  /* ---- Data */
  function fetchJson(url) {
    return fetch(url, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }
  function addShard(year, shard) {
    for (var i = 0; i < shard.index.length; i++) {
      var entry = { index: shard.index[i], title: shard.title[i], doc: shard.doc[i], kw: shard.kw[i],
        summary: shard.summary[i], pub: shard.pub[i], cat: shard.cat[i], val: shard.val[i], year: year,
        date: year + "-" + shard.date[i] };
      entry.hay = [entry.title, entry.doc, entry.index, entry.kw, entry.summary, manifest.publishers[entry.pub]]
        .map(fold).join("\n");
      entries.push(entry);
    }
  }
  function load() {
    var manifestUrl = new URL(root.getAttribute("data-manifest"), location.href);
    return fetchJson(manifestUrl).then(function (data) {
      manifest = data;
      fillSelects();
      var jobs = [];
      data.years.forEach(function (year) {
        year.files.forEach(function (file) { jobs.push({ year: year.year, url: new URL(file, manifestUrl) }); });
      });
      var pending = jobs.map(function (job) { return fetchJson(job.url); }); // all requests at once
      return jobs.reduce(function (chain, job, i) { // ...but added in manifest order: newest first
        return chain.then(function () { return pending[i]; }).then(function (shard) {
          addShard(job.year, shard);
          if (current && !partial) render(current);
        });
      }, Promise.resolve());
    });
  }

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
  function readUrl() {
    var params = new URLSearchParams(location.search), state = { page: parseInt(params.get("page"), 10) || 1 };
    FIELDS.forEach(function (name) { state[name] = params.get(name) || ""; });
    return state;
  }
  function readForm() {
    var state = { page: 1 };
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
  function writeUrl(state, push) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    if (state.page > 1) params.set("page", String(state.page));
    var query = params.toString(), url = location.pathname + (query ? "?" + query : "") + location.hash;
    if (url === location.pathname + location.search + location.hash) return;
    history[push ? "pushState" : "replaceState"]({ dcSearch: true }, "", url);
  }

  /* ---- Matching */
  function subtree(categoryId) {
    var ids = {}, found = false;
    manifest.categories.forEach(function (c, i) {
      if (c.id === categoryId || (c.parent && ids[c.parent] !== undefined)) { ids[c.id] = i; found = true; }
    });
    var positions = {};
    Object.keys(ids).forEach(function (id) { positions[ids[id]] = true; });
    return found ? positions : null;
  }
  function search(state) {
    var words = terms(state.q), categories = state.category ? subtree(state.category) || {} : null;
    var year = state.year ? parseInt(state.year, 10) : null;
    var publisher = state.publisher ? manifest.publishers.indexOf(state.publisher) : null;
    var validity = state.validity ? manifest.validity.map(function (v) { return v.id; }).indexOf(state.validity) : null;
    return entries.filter(function (e) {
      if (year !== null && e.year !== year) return false;
      if (categories && !categories[e.cat]) return false;
      if (publisher !== null && e.pub !== publisher) return false;
      if (validity !== null && e.val !== validity) return false;
      for (var i = 0; i < words.length; i++) if (e.hay.indexOf(words[i]) < 0) return false;
      return true;
    });
  }

  /* ---- Rendering */
  function highlight(parent, text, words) {
    var folded = fold(text), marks = [];
    words.forEach(function (word) {
      for (var at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + word.length)) marks.push([at, at + word.length]);
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var position = 0;
    marks.forEach(function (mark) {
      if (mark[1] <= position) return;
      var start = Math.max(mark[0], position);
      if (start > position) parent.appendChild(document.createTextNode(text.slice(position, start)));
      var element = document.createElement("mark");
      element.textContent = text.slice(start, mark[1]);
      parent.appendChild(element);
      position = mark[1];
    });
    if (position < text.length) parent.appendChild(document.createTextNode(text.slice(position)));
    return marks.length > 0;
  }
  function field(parent, label, text, words) {
    var span = document.createElement("span");
    span.className = "dc-search__field";
    span.appendChild(document.createTextNode(label + "："));
    var found = highlight(span, text, words);
    parent.appendChild(span);
    return found;
  }
  function row(entry, words) {
    var item = document.createElement("li");
    item.className = "dc-search__item";
    item.setAttribute("data-index", entry.index);
    var link = document.createElement("a");
    link.href = manifest.entry_url.replace("{slug}", entry.index.replace(/\//g, "-"));
    highlight(link, entry.title, words);
    var title = document.createElement("p");
    title.className = "dc-search__title";
    title.appendChild(link);
    var meta = document.createElement("p");
    meta.className = "dc-search__meta";
    if (entry.doc) field(meta, "文号", entry.doc, words);
    field(meta, "索引号", entry.index, words);
    field(meta, "发布机构", manifest.publishers[entry.pub], words);
    field(meta, "日期", entry.date, []);
    field(meta, "分类", manifest.categories[entry.cat].title, []);
    if (entry.val >= 0) field(meta, "效力", manifest.validity[entry.val].title, []);
    item.appendChild(title);
    item.appendChild(meta);
    var extra = document.createElement("p");
    extra.className = "dc-search__extra";
    if (entry.summary) field(extra, "内容概述", entry.summary, words);
    if (entry.kw && !field(extra, "主题词", entry.kw, words)) extra.lastChild.remove(); // only when it matched
    if (extra.firstChild) item.appendChild(extra);
    return item;
  }
  function pageButton(label, page, enabled) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = label;
    button.disabled = !enabled;
    button.addEventListener("click", function () {
      var state = readUrl();
      state.page = page;
      writeUrl(state, true);
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
  function render(state) {
    current = state;
    partial = false;
    list.textContent = "";
    if (isEmpty(state)) {
      results.hidden = true;
      status.textContent = "";
      return;
    }
    var loading = "正在加载目录数据……";
    var found = manifest ? search(state) : [], words = terms(state.q);
    if (!ready && found.length < state.page * PAGE_SIZE) { status.textContent = loading; return; }
    var pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE)), page = Math.min(Math.max(1, state.page), pages);
    found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).forEach(function (entry) { list.appendChild(row(entry, words)); });
    results.hidden = false;
    partial = !ready;
    renderPager(page, ready ? pages : 1);
    if (!ready) { status.textContent = "已显示最新的结果，正在加载其余目录数据……"; return; }
    status.textContent = found.length ? "共找到 " + found.length + " 条信息" + (pages > 1 ? "，第 " + page + " / " + pages + " 页" : "") + "。"
      : "没有找到符合条件的信息。请减少关键词或放宽筛选条件，也可以按主题分类浏览。";
  }

  /* ---- Events */
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var state = readForm();
    writeUrl(state, true);
    render(state);
  });
  form.elements.q.addEventListener("input", function () {
    var state = readForm();
    writeUrl(state, false);
    render(state);
  });
  ["category", "year", "publisher", "validity"].forEach(function (name) {
    form.elements[name].addEventListener("change", function () {
      var state = readForm();
      writeUrl(state, true);
      render(state);
    });
  });
  root.querySelector("[data-dc-reset]").addEventListener("click", function () {
    var state = { page: 1, q: "", category: "", year: "", publisher: "", validity: "" };
    writeForm(state);
    writeUrl(state, true);
    render(state);
    form.elements.q.focus();
  });
  window.addEventListener("popstate", function () {
    var state = readUrl();
    writeForm(state);
    render(state);
  });

  var first = new URLSearchParams(initialSearch), firstState = { page: parseInt(first.get("page"), 10) || 1 };
  FIELDS.forEach(function (name) { firstState[name] = first.get(name) || ""; });
  form.elements.q.value = firstState.q;
  render(firstState);
  load().then(function () {
    ready = true;
    var state = location.search ? readUrl() : firstState;
    writeForm(state);
    render(state);
    root.setAttribute("data-dc-ready", "");
  }).catch(function () {
    status.textContent = "目录数据加载失败，请刷新页面重试，或按主题分类浏览。";
  });
})();
