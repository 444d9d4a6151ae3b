/* Keep the escalation paths, help numbers and contacts on this phone for use without signal.
   Over https or on this computer only; where service workers are missing, nothing happens. The
   copy is fetched after the page has loaded, and not at all when the reader asked the browser to
   save data. */
(function () {
  var script = document.currentScript;
  if (!script || !window.isSecureContext || !("serviceWorker" in navigator)) return;
  if (navigator.connection && navigator.connection.saveData) return;
  var worker = new URL("../service-worker.js", script.src).href;
  var register = function () {
    navigator.serviceWorker.register(worker).catch(function () {});
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);
})();
