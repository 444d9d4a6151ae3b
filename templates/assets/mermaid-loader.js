/* Mermaid, served from this site and loaded only when a page has a diagram.
 * Material for MkDocs uses `window.mermaid` when it exists instead of fetching Mermaid from a
 * CDN, so this stand-in keeps every request on this host, and a page without a flowchart
 * downloads nothing more than this file. */
(function () {
  "use strict";
  var url = new URL("vendor/mermaid/mermaid.esm.min.mjs", document.currentScript.src).href;
  var settings = {};
  var loaded = null;
  function load() {
    if (!loaded) {
      loaded = import(url).then(function (module) {
        var mermaid = module.default;
        settings.securityLevel = "strict";
        // Dagre is the light layout engine vendored with the site (elk is not shipped).
        settings.layout = "dagre";
        mermaid.initialize(settings);
        return mermaid;
      });
    }
    return loaded;
  }
  window.mermaid = {
    initialize: function (options) {
      settings = Object.assign({}, options);
    },
    render: function (id, text, host) {
      return load().then(function (mermaid) {
        return mermaid.render(id, text, host);
      });
    },
  };
})();
