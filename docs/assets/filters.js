// Table filters: a progressive enhancement. Without JavaScript the table lists every row; with it,
// a table inside `.ccm-filterable` gets one menu per column named in data-filter-columns (0-based
// indexes), offering the values found in that column ("3, 4" counts as 3 and 4). Only the rows
// matching every chosen value stay shown, and a status line says how many (read out politely).
(function () {
  "use strict";

  function values(cell) {
    var text = cell.textContent.trim();
    if (text === "" || text === "—") return [];
    return text.split(/,\s*/);
  }

  function enhance(wrapper) {
    var table = wrapper.querySelector("table");
    if (!table || !table.tBodies.length) return;
    var columns = (wrapper.getAttribute("data-filter-columns") || "").split(/\s+/).filter(Boolean).map(Number);
    var all = wrapper.getAttribute("data-filter-all") || "All";
    var shownWords = wrapper.getAttribute("data-filter-shown") || "%(n)s of %(total)s shown";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var form = document.createElement("form");
    form.className = "ccm-filters";
    form.setAttribute("role", "search");
    var status = document.createElement("p");
    status.className = "ccm-filters__status";
    status.setAttribute("aria-live", "polite");
    var menus = [];

    columns.forEach(function (column) {
      var header = table.tHead && table.tHead.rows[0].cells[column];
      if (!header) return;
      var found = {};
      rows.forEach(function (row) { values(row.cells[column]).forEach(function (v) { found[v] = true; }); });
      var label = document.createElement("label");
      var select = document.createElement("select");
      var none = document.createElement("option");
      none.value = "";
      none.textContent = all;
      select.appendChild(none);
      Object.keys(found).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (v) {
        var option = document.createElement("option");
        option.value = v;
        option.textContent = v;
        select.appendChild(option);
      });
      label.appendChild(document.createTextNode(header.textContent.trim() + " "));
      label.appendChild(select);
      form.appendChild(label);
      menus.push({ column: column, select: select });
      select.addEventListener("change", apply);
    });

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var match = menus.every(function (menu) {
          return !menu.select.value || values(row.cells[menu.column]).indexOf(menu.select.value) !== -1;
        });
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = shownWords.replace("%(n)s", shown).replace("%(total)s", rows.length);
    }

    if (!menus.length) return;
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    wrapper.insertBefore(form, wrapper.firstChild);
    wrapper.insertBefore(status, form.nextSibling);
    apply();
  }

  function init() {
    document.querySelectorAll(".ccm-filterable").forEach(enhance);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
