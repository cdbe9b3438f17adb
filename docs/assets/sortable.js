// Sortable tables: a progressive enhancement. Without JavaScript the table reads in its
// generated order; with it, each column header of a table inside `.ccm-sortable` becomes a
// button that sorts the rows (and says so to screen readers through aria-sort).
(function () {
  "use strict";

  function sortKey(cell) {
    var text = cell.textContent.trim();
    if (text === "—" || text === "") return { kind: 2, value: "" };
    var date = /^\d{1,2} [A-Z][a-z]+ \d{4}/.exec(text);
    if (date && !isNaN(Date.parse(date[0]))) return { kind: 0, value: Date.parse(date[0]) };
    var number = /^-?\d+(\.\d+)?/.exec(text);
    if (number) return { kind: 0, value: parseFloat(number[0]) };
    return { kind: 1, value: text.toLocaleLowerCase() };
  }

  function compare(a, b) {
    if (a.kind !== b.kind) return a.kind - b.kind;
    if (a.value < b.value) return -1;
    return a.value > b.value ? 1 : 0;
  }

  function enhance(table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ccm-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var a = sortKey(r1.cells[column]), b = sortKey(r2.cells[column]);
          if (a.kind !== b.kind) return a.kind - b.kind;  // empty cells stay last either way
          var order = compare(a, b);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function init() {
    document.querySelectorAll(".ccm-sortable table").forEach(enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
