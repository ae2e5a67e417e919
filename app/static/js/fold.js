/* Filters folded behind a "Filtres (n)" button on small screens, so that the results
 * come first on a phone; open on large screens. Progressive enhancement: without this
 * script the filters are simply shown. Markup: a hidden <button data-fold="<id>"
 * aria-controls="<id>"> before the panel with that id; with data-fold-open, the panel
 * starts open on small screens too. */
(function () {
  "use strict";

  var small = window.matchMedia("(max-width: 52em)");
  document.querySelectorAll("[data-fold]").forEach(function (button) {
    var panel = document.getElementById(button.getAttribute("data-fold"));
    if (!panel) {
      return;
    }
    var setOpen = function (open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      panel.classList.toggle("is-folded", !open);
    };
    // data-fold-open: open even on a phone (a form not answered yet, say).
    var follow = function () {
      button.hidden = !small.matches;
      setOpen(!small.matches || button.hasAttribute("data-fold-open"));
    };
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    small.addEventListener("change", follow);
    follow();
  });
})();
