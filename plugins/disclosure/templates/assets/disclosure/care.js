/* 关怀模式 (care mode for elderly visitors): the button in the header turns html.dc-care on and off and
   remembers the choice in localStorage; a line in <head> (main.html) applies it before the page paints.
   Without JavaScript the button stays hidden and the page is in the normal mode. Plain ES2017. */
(function () {
  "use strict";
  var KEY = "dc-care", root = document.documentElement;
  var buttons = document.querySelectorAll("[data-dc-care-toggle]");
  function remember(on) {
    try {
      if (on) localStorage.setItem(KEY, "1"); else localStorage.removeItem(KEY);
    } catch (error) { /* storage switched off: this page only */ }
  }
  function show(on) {
    root.classList.toggle("dc-care", on);
    Array.prototype.forEach.call(buttons, function (button) { button.setAttribute("aria-pressed", String(on)); });
  }
  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = !root.classList.contains("dc-care");
      show(on);
      remember(on);
    });
  });
  show(root.classList.contains("dc-care"));
  window.addEventListener("storage", function (event) { if (event.key === KEY) show(event.newValue === "1"); }); // other tabs
})();
