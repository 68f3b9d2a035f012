/* History entries of both searches (catalogue-search.js, site-search.js). Plain ES2017, no build step.
   Typing writes the URL into an entry of its own: the first keystroke after a committed search adds it,
   the next keystrokes replace it. A committed search (Enter, the 检索 button, a filter, a page, the
   order) adds one entry; Enter or 检索 on the query just typed keeps the entry typing added instead. So
   Back returns to the search before.
   Each entry remembers the element that had focus, for Back and Forward. */
var DisclosureSearchHistory = (function () {
  "use strict";
  function here() { return location.pathname + location.search + location.hash; }
  function typing() { return Boolean(history.state && history.state.dcSearch === "typing"); }
  /* `url` is path + query + hash; `focus` the id of the element to focus when the entry comes back. */
  function write(url, committed, focus) {
    var state = { dcSearch: committed ? "committed" : "typing", focus: focus || null };
    if (url === here() ? typing() : !committed && typing()) history.replaceState(state, "", url);
    else if (url !== here()) history.pushState(state, "", url);
  }
  /* The id of the element to focus on Back or Forward to the current entry, or null. */
  function focus() { return history.state && history.state.focus || null; }
  return { write: write, focus: focus, here: here };
})();
