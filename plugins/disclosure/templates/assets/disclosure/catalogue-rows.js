/* Catalogue search (目录检索): one result as a list item, data as text nodes and <mark> elements only
   (never innerHTML). Used by catalogue-search.js; plain ES2017, no build step. */
var DisclosureCatalogueRows = (function () {
  "use strict";
  function highlight(parent, text, words) {
    var marks = DisclosureFold.ranges(text, words), position = 0;
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
  function row(entry, words, manifest) {
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
    field(meta, "发布机构", entry.publisher, words);
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
  return { row: row };
})();
