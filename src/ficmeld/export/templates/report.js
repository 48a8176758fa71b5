// Select a speaker (character table, matrix or legend) to highlight their quotes; select again to clear.
(function () {
  var current = null;
  function show(id) {
    current = current === id ? null : id;
    document.body.classList.toggle("focus", current !== null);
    document.querySelectorAll(".q, .said").forEach(function (q) {
      q.classList.toggle("hl", current !== null && q.getAttribute("data-speaker") === current);
    });
    document.querySelectorAll("button.who").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-speaker") === current));
    });
    var first = current && document.querySelector('.q[data-speaker="' + CSS.escape(current) + '"]');
    var status = document.getElementById("hl-status");
    if (status) {
      var n = current ? document.querySelectorAll(".q.hl").length : 0;
      status.textContent = current ? n + " lines highlighted" : "";
    }
    return first;
  }
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest("button.who");
    if (button) { show(button.getAttribute("data-speaker")); }
  });
})();
