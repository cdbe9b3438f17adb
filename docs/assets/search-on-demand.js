// Material asks for the search index (search/search_index.json, by far the largest download of a
// page) as soon as any page loads. This holds that one request until the reader opens search: the
// box takes focus (a click, a tap on the magnifier, the "/" key) or the search toggle is checked,
// or the page was opened from a search result (?h=, whose words Material highlights). Material's
// own script is unchanged; it must load after this one (overrides/main.html). Without JavaScript
// there is no search box to wait for, and the pages read as before.
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var held = [], released = false;

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.ccmSearchIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.ccmSearchIndex && !released) {
      held.push([this, arguments]);
      return;
    }
    return send.apply(this, arguments);
  };

  if (new URLSearchParams(location.search).has("h")) release();
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-md-component=search-query]")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  });
})();
