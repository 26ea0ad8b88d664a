// The overview of the editors' report: sort by a column, filter by words and status.
// Without this script the overview is a plain table, and the form stays hidden.
(function () {
  "use strict";
  var table = document.getElementById("overview-table");
  var form = document.querySelector("form.filters");
  if (!table || !form) {
    return;
  }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var search = document.getElementById("overview-search");
  var status = document.getElementById("overview-status");
  var count = document.getElementById("overview-count");
  var language = document.documentElement.lang;

  function filter() {
    var words = search.value.trim().toLocaleLowerCase(language);
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!status.value || row.getAttribute("data-status") === status.value) &&
        row.textContent.toLocaleLowerCase(language).indexOf(words) >= 0;
      row.hidden = !visible;
      shown += visible ? 1 : 0;
    });
    count.textContent = count.getAttribute("data-pattern")
      .replace("{shown}", shown).replace("{total}", rows.length);
  }

  function value(row, column) {
    var cell = row.cells[column];
    var given = cell.getAttribute("data-value");
    var text = given === null ? cell.textContent.trim() : given;
    return text !== "" && !isNaN(text) ? Number(text) : text.toLocaleLowerCase(language);
  }

  function sort(header, column) {
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = value(a, column);
      var y = value(b, column);
      var order = typeof x === "number" && typeof y === "number" ? x - y :
        String(x).localeCompare(String(y), language);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) {
      body.appendChild(row);
    });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, column) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = header.textContent;
    header.textContent = "";
    header.appendChild(button);
    button.addEventListener("click", function () {
      sort(header, column);
    });
  });
  search.addEventListener("input", filter);
  status.addEventListener("change", filter);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.hidden = false;
  filter();
}());
