/* The partner-country picker (macros/forms.html, country_picker): a filter box over the
 * list of countries to add. Progressive enhancement only: without this script the list
 * is a plain list of checkboxes, and ticking one never unticks another either way.
 * Accents and case are ignored ("senegal" finds "Sénégal"); Enter in the box does not
 * submit the form; the number of matches is announced to screen readers. */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  document.querySelectorAll("[data-picker]").forEach(function (picker) {
    var search = picker.querySelector("[data-picker-search]");
    var input = search && search.querySelector("input");
    var status = picker.querySelector("[data-picker-status]");
    var items = Array.prototype.slice.call(picker.querySelectorAll(".picker__list .choice"));
    if (!input) {
      return;
    }
    search.hidden = false;

    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        var first = items.filter(function (item) { return !item.hidden; })[0];
        if (first) {
          first.querySelector("input").focus();
        }
      }
    });

    var timer = null;
    input.addEventListener("input", function () {
      var wanted = fold(input.value.trim());
      var shown = 0;
      items.forEach(function (item) {
        var match = !wanted || fold(item.textContent).indexOf(wanted) !== -1;
        item.hidden = !match;
        if (match) {
          shown += 1;
        }
      });
      // A continent with no match left: its heading goes too.
      picker.querySelectorAll(".picker__list").forEach(function (list) {
        var empty = !list.querySelector(".choice:not([hidden])");
        list.hidden = empty;
        var heading = list.previousElementSibling;
        if (heading && heading.classList.contains("picker__continent")) {
          heading.hidden = empty;
        }
      });
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        status.textContent = shown ? picker.getAttribute("data-found") + " " + shown : picker.getAttribute("data-none");
      }, 300);
    });
  });
})();
