/* Progressive enhancement for the layout: the folding menu on small screens and
 * focus on a form's error summary (or on the duplicate warning of the agenda form).
 * Without JavaScript the menu is simply always open and the summary is announced
 * through its role="alert". */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("menu-principal");
  if (toggle && nav) {
    toggle.hidden = false;

    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      nav.classList.toggle("is-open", open);
    };

    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true"
          && nav.contains(document.activeElement)) {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // After a failed submission, take the reader to the list of errors; when a new
  // event looks like one already announced, to that warning first.
  var summary = document.querySelector(".twins-panel") || document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
})();
