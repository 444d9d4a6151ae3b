/* The handbook's only script on every page: keyboard use of the menu and of wide tables, and the
   search dialog. Everything it adds is optional: without it the pages read, the menu opens by
   touch, and the search button stays hidden. */
(function () {
  "use strict";

  /* A table that scrolls sideways on a phone can be reached and scrolled with the keyboard too. */
  function scrollableTables() {
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1 && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.setAttribute("role", "region");
        var caption = table.querySelector("caption, th");
        if (caption) table.setAttribute("aria-label", caption.textContent.trim());
      }
    });
  }

  /* The menu of a narrow screen opens with a label for a hidden checkbox, which a keyboard cannot
     reach: put a real button in its place. */
  function menuButton() {
    var label = document.querySelector("[data-hb-menu]");
    var toggle = document.getElementById("__drawer");
    if (!label || !toggle) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className + " hb-menu";
    button.setAttribute("aria-label", label.getAttribute("aria-label") || "");
    button.setAttribute("aria-expanded", "false");
    button.innerHTML = label.innerHTML; /* the theme's own icon, from this page */
    label.replaceWith(button);
    var sync = function () {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    button.addEventListener("click", function () {
      toggle.click();
    });
    toggle.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        toggle.click();
        button.focus();
      }
    });
  }

  /* Text and <mark> of a search excerpt as nodes: nothing else of it becomes markup. */
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var out = document.createDocumentFragment();
    parsed.body.firstChild.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function search() {
    var box = document.querySelector("[data-hb-search]");
    if (!box || typeof HTMLDialogElement !== "function") return;
    var dialog = box.querySelector("dialog");
    var input = box.querySelector("input");
    var status = box.querySelector('[role="status"]');
    var list = box.querySelector("ol");
    var root = new URL((box.getAttribute("data-hb-root") || ".") + "/", location.href);
    var words = function (name) {
      return box.getAttribute("data-hb-" + name) || "";
    };
    var loading = null;
    var asked = 0;

    function load() {
      if (!loading) {
        status.textContent = words("loading");
        loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
          /* noWorker: the index is small, and the worker would be one more download */
          return pagefind.options({ baseUrl: root.pathname, excerptLength: 24, noWorker: true }).then(function () {
            return pagefind;
          });
        });
        loading.then(
          function () {
            if (!input.value) status.textContent = "";
          },
          function () {
            loading = null;
            status.textContent = words("failed");
          }
        );
      }
      return loading;
    }

    var more = box.querySelector("[data-hb-more-button]");
    var found = [];
    var shown = 0;
    var PAGE = 3; /* results whose text is fetched at a time: each is a download of 2-5 KB */

    function item(result) {
      var entry = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      var title = document.createElement("strong");
      title.textContent = (result.meta && result.meta.title) || result.url;
      var excerpt = document.createElement("span");
      excerpt.className = "hb-search__excerpt";
      excerpt.appendChild(excerptNodes(result.excerpt || ""));
      link.appendChild(title);
      link.appendChild(excerpt);
      entry.appendChild(link);
      return entry;
    }

    function next(ticket) {
      var batch = found.slice(shown, shown + PAGE);
      shown += batch.length;
      return Promise.all(
        batch.map(function (r) {
          return r.data();
        })
      ).then(function (data) {
        if (ticket !== asked) return null;
        var first = null;
        data.forEach(function (result) {
          var entry = item(result);
          first = first || entry;
          list.appendChild(entry);
        });
        more.hidden = shown >= found.length;
        return first;
      });
    }

    function run() {
      var term = input.value.trim();
      var ticket = ++asked;
      if (!term) {
        list.textContent = "";
        status.textContent = "";
        more.hidden = true;
        return;
      }
      load().then(function (pagefind) {
        return pagefind.debouncedSearch(term, {}, 200).then(function (search) {
          if (!search || ticket !== asked) return null;
          found = search.results;
          shown = 0;
          list.textContent = "";
          return next(ticket).then(function () {
            if (ticket !== asked) return;
            status.textContent = found.length ? words("results").replace("{count}", String(found.length)) : words("none");
          });
        });
      }).catch(function () {
        status.textContent = words("failed");
      });
    }

    box.hidden = false;
    box.querySelector("button[aria-haspopup]").addEventListener("click", function () {
      dialog.showModal();
      input.focus();
      load();
    });
    box.querySelector("[data-hb-close]").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("click", function (event) {
      var box = dialog.getBoundingClientRect();
      var inside = event.clientX >= box.left && event.clientX <= box.right && event.clientY >= box.top && event.clientY <= box.bottom;
      if (event.target === dialog && !inside) dialog.close(); /* a tap beside the dialog */
    });
    box.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) first.focus();
    });
    input.addEventListener("input", run);
    more.addEventListener("click", function () {
      next(asked).then(function (first) {
        var link = first && first.querySelector("a");
        if (link) link.focus();
      });
    });
  }

  scrollableTables();
  menuButton();
  search();
})();
