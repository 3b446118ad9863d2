(function () {
  "use strict";
  var tip = document.getElementById("tip");
  function show(el) {
    tip.textContent = el.getAttribute("data-tip");
    tip.hidden = false;
    var box = el.getBoundingClientRect();
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(window.scrollX + 4, left) + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
  }
  function hide() { tip.hidden = true; }
  function quoteOf(event) {
    var el = event.target;
    return el && el.closest ? el.closest(".q[data-tip]") : null;
  }
  document.addEventListener("mouseover", function (e) { var q = quoteOf(e); if (q) { show(q); } });
  document.addEventListener("mouseout", function (e) { if (quoteOf(e)) { hide(); } });
  document.addEventListener("focusin", function (e) { var q = quoteOf(e); if (q) { show(q); } else { hide(); } });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });
  var follow = document.getElementById("follow");
  var next = document.getElementById("next");
  var cursor = -1;
  follow.addEventListener("change", function () {
    if (follow.value) { document.body.setAttribute("data-follow", follow.value); }
    else { document.body.removeAttribute("data-follow"); }
    cursor = -1;
  });
  next.addEventListener("click", function () {
    var selector = follow.value ? ".story .q.s-" + follow.value : ".story .q";
    var lines = document.querySelectorAll(selector);
    if (!lines.length) { return; }
    cursor = (cursor + 1) % lines.length;
    lines[cursor].scrollIntoView({block: "center"});
    lines[cursor].focus({preventScroll: true});
  });
})();
