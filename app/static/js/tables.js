/* Stacked tables (.table--stack, portal.css): on a phone their rows are shown as cards,
 * which changes the cells' CSS display; some browsers (Safari) then stop exposing the
 * table to screen readers. The roles a table has anyway are repeated here, so that it
 * stays a table with its headers whatever its layout. */
(function () {
  "use strict";

  var roles = { TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TFOOT: "rowgroup", TR: "row", TD: "cell" };
  document.querySelectorAll("table.table--stack").forEach(function (table) {
    table.querySelectorAll("thead, tbody, tfoot, tr, th, td").forEach(function (el) {
      if (el.closest("table") !== table || el.hasAttribute("role")) {
        return;
      }
      var role = roles[el.tagName];
      if (el.tagName === "TH") {
        role = el.getAttribute("scope") === "row" ? "rowheader" : "columnheader";
      }
      el.setAttribute("role", role);
    });
    if (!table.hasAttribute("role")) {
      table.setAttribute("role", "table");
    }
  });
})();
