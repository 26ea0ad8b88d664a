// The index's filter: by words, audience and department, in the page itself
// (no server). Without this script the form stays hidden and the list is whole.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("leaflet-list");
  var count = document.getElementById("filter-count");
  if (!form || !list || !count) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll(".leaflet-item"));
  var text = document.getElementById("filter-text");
  var audience = document.getElementById("filter-audience");
  var department = document.getElementById("filter-department");

  function words(value) {
    return value.toLowerCase().split(/\s+/).filter(function (word) { return word; });
  }

  function apply() {
    var wanted = words(text.value);
    var shown = 0;
    items.forEach(function (item) {
      var haystack = item.getAttribute("data-text");
      var departments = item.getAttribute("data-departments").split("|");
      var match = wanted.every(function (word) { return haystack.indexOf(word) !== -1; }) &&
        (!audience.value || item.getAttribute("data-audience") === audience.value) &&
        (!department || !department.value || departments.indexOf(department.value) !== -1);
      item.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = shown ? count.getAttribute("data-template")
      .replace("{shown}", shown).replace("{total}", items.length) : count.getAttribute("data-none");
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  apply();
}());
