// Boxes that scroll sideways (a wide table or chart on a phone) must be reachable with the
// keyboard (WCAG 2.1.1; axe-core's scrollable-region-focusable): while a box overflows it
// gets a place in the tab order, and loses it when the screen is wide enough again.
(function () {
  "use strict";

  // Material wraps plain tables in .md-typeset__scrollwrap; tables given a class scroll
  // themselves (assets/ccm.css); charts scroll in .ccm-chart.
  var SCROLLERS = ".md-typeset__scrollwrap, .md-typeset table[class], .md-typeset .ccm-chart";

  function mark() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-ccm-scroller", "");
      } else if (box.hasAttribute("data-ccm-scroller")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-ccm-scroller");
      }
    });
  }

  var pending = false;
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; mark(); });
  });
  // After Material has wrapped the tables: its document$ replays to late subscribers.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mark);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
})();
