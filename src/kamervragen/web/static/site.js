// Share URLs without empty parameters: a form sends its empty fields ("?q=x&partij="),
// which mean no filter; leave them out of the request and of the address bar.
(function () {
  "use strict";
  // htmx 4 names the event htmx:config:request; the form's fields are a FormData.
  document.addEventListener("htmx:config:request", function (event) {
    var body = event.detail && event.detail.ctx && event.detail.ctx.request.body;
    if (!body || typeof body.keys !== "function") { return; }
    Array.from(body.keys()).forEach(function (name) {
      if (body.getAll(name).every(function (value) { return value === ""; })) { body.delete(name); }
    });
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.method.toLowerCase() !== "get" || form.hasAttribute("hx-get")) { return; }
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.value === "") { field.disabled = true; }
    });
    // Enabled again for the back button, which shows the form as it was left.
    setTimeout(function () {
      Array.prototype.forEach.call(form.elements, function (field) { field.disabled = false; });
    }, 0);
  });
  // Tables marked sortable: a click on a column heading sorts by it (again: the other way).
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("table.sortable th button");
    if (!button) { return; }
    var th = button.closest("th"), table = th.closest("table"), body = table.tBodies[0];
    var column = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.children, function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    function key(row) {
      var cell = row.cells[column];
      var value = cell.getAttribute("data-sort");
      if (value === null) { value = cell.innerText.trim(); }
      var number = parseFloat(value.replace(/\./g, "").replace(",", ".").replace("%", ""));
      return isNaN(number) ? value.toLowerCase() : number;
    }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (typeof x !== typeof y) { x = String(x); y = String(y); }
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
})();
