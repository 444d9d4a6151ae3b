/* A table that scrolls sideways on a phone can be reached and scrolled with the keyboard too. */
document$.subscribe(function () {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var caption = wrap.querySelector("th");
      if (caption) wrap.setAttribute("aria-label", caption.textContent.trim());
    }
  });
});
