/* Keep the escalation paths, help numbers and contacts on this phone for use without signal.
   Over https or on this computer only; where service workers are missing, nothing happens. */
(function () {
  var script = document.currentScript;
  if (!script || !window.isSecureContext || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register(new URL("../service-worker.js", script.src).href).catch(function () {});
})();
