// The little script of the review pages: show where an item came from, and keyboard shortcuts.
// Everything else is plain HTML forms, which work without it.
(function () {
  "use strict";
  var selected = null;

  function show(el) {
    document.querySelectorAll(".hl").forEach(function (h) { h.hidden = true; });
    document.querySelectorAll("ol.lines li.on").forEach(function (li) { li.classList.remove("on"); });
    var page = el.dataset.page, box = el.dataset.box, lines = el.dataset.lines;
    if (page && box) {
      var p = document.getElementById("page-" + page);
      if (!p) return;
      var b = box.split(",").map(Number), hl = p.querySelector(".hl");
      hl.style.left = b[0] + "%"; hl.style.top = b[1] + "%"; hl.style.width = b[2] + "%"; hl.style.height = b[3] + "%";
      hl.hidden = false;
      var pane = document.getElementById("pages");
      var img = p.querySelector("img");
      var target = p.offsetTop + (img.clientHeight || p.clientHeight) * b[1] / 100 - 80;
      pane.scrollTo({ top: Math.max(target, 0), behavior: "instant" });
    } else if (lines) {
      var r = lines.split("-").map(Number), first = null;
      for (var n = r[0]; n <= r[1]; n++) {
        var li = document.getElementById("line-" + n);
        if (li) { li.classList.add("on"); first = first || li; }
      }
      if (first) first.scrollIntoView({ block: "center" });
    }
  }

  function select(form, field) {
    if (selected) selected.classList.remove("selected");
    selected = form;
    form.classList.add("selected");
    show(field && field.dataset.box ? field : form);
  }

  document.querySelectorAll("form.item[id^='item-']").forEach(function (form) {
    form.addEventListener("focusin", function (ev) { select(form, ev.target.closest(".field")); });
    form.addEventListener("click", function (ev) { select(form, ev.target.closest(".field")); });
  });
  document.querySelectorAll("button[data-confirm]").forEach(function (b) {
    b.addEventListener("click", function (ev) { if (!confirm(b.dataset.confirm)) ev.preventDefault(); });
  });

  function nextFlagged() {
    var flagged = Array.prototype.slice.call(document.querySelectorAll("form.item.flagged"));
    if (!flagged.length) return;
    var i = flagged.indexOf(selected);
    var next = flagged[(i + 1) % flagged.length];
    next.scrollIntoView({ block: "center" });
    var input = next.querySelector("input:not([type=hidden]), textarea, select");
    if (input) input.focus({ preventScroll: true });
    select(next, null);
  }

  document.addEventListener("keydown", function (ev) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if ((ev.ctrlKey || ev.metaKey) && ev.key === "s") {
      var form = document.activeElement.closest("form.item") || selected;
      if (form) { ev.preventDefault(); form.requestSubmit(); }
    } else if ((ev.ctrlKey || ev.metaKey) && ev.key === "Enter") {
      var approve = document.getElementById("approve");
      if (approve) { ev.preventDefault(); approve.click(); }
    } else if (!typing && (ev.key === "n" || ev.key === "j")) {
      ev.preventDefault(); nextFlagged();
    } else if (!typing && ev.key === "/") {
      var search = document.getElementById("search");
      if (search) { ev.preventDefault(); search.focus(); }
    }
  });

  // After a save the server sends us back to #item-…; after a refusal, to the first message.
  var start = document.querySelector("form.item.has-errors") ||
    (location.hash && document.getElementById(location.hash.slice(1)));
  if (start && start.matches("form.item")) {
    start.scrollIntoView({ block: "center" });
    var img = document.querySelector(".page img");
    if (img && !img.complete) img.addEventListener("load", function () { select(start, null); });
    select(start, null);
  }
})();
