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
    button.setAttribute("aria-label", label.getAttribute("data-hb-name") || "");
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
          /* init: the WebAssembly and the language's index list, while the reader types */
          return pagefind.options({ baseUrl: root.pathname, excerptLength: 24, noWorker: true }).then(function () {
            return pagefind.init();
          }).then(function () {
            return pagefind;
          });
        });
        loading.then(
          function () {
            box.setAttribute("data-hb-ready", ""); /* the search can answer */
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

  /* The words of a feature in the reader's language: the page carries them as the titles of
     empty spans (templates/_labels.j2, macro ui). */
  function uiWords(name) {
    var box = document.querySelector(".hb-ui--" + name);
    if (!box) return null;
    var words = {};
    box.querySelectorAll("span").forEach(function (span) {
      words[span.className.replace("hb-ui__", "")] = span.title;
      words["@" + span.className.replace("hb-ui__", "")] = span.lang;
    });
    return words;
  }

  /* A word into an element, with its language where it is not the page's (not translated yet). */
  function put(element, words, key) {
    element.textContent = words[key];
    if (words["@" + key]) element.lang = words["@" + key];
    else element.removeAttribute("lang");
  }

  function button(text, className) {
    var made = document.createElement("button");
    made.type = "button";
    made.className = "hb-button " + className;
    made.textContent = text;
    return made;
  }

  function liveStatus(className) {
    var region = document.createElement("div");
    region.className = className;
    region.setAttribute("role", "status");
    return region;
  }

  /* Checklists that remember: the ticks of a page stay in this browser only (localStorage, one
     key a page address, so a language apart), and go with one button. Nothing is sent. */
  function checklists() {
    var words = uiWords("checklist");
    var boxes = document.querySelectorAll(".md-typeset .task-list-item input[type=checkbox]");
    if (!words || !boxes.length) return;
    var key = "hb-ticks:" + location.pathname;
    var store = null;
    try {
      store = window.localStorage;
      var kept = JSON.parse(store.getItem(key) || "[]");
      boxes.forEach(function (box, index) {
        box.checked = Array.isArray(kept) && kept.indexOf(index) !== -1;
      });
    } catch (error) {
      store = null; /* no storage (private mode, blocked): the boxes still tick, until the page goes */
    }
    function save() {
      var ticked = [];
      boxes.forEach(function (box, index) {
        if (box.checked) ticked.push(index);
      });
      try {
        if (ticked.length) store.setItem(key, JSON.stringify(ticked));
        else store.removeItem(key);
      } catch (error) {
        /* full or gone: keep going without it */
      }
    }
    boxes.forEach(function (box) {
      box.addEventListener("change", save);
    });
    var bar = document.createElement("div");
    bar.className = "hb-ticks";
    if (store) {
      var note = document.createElement("p");
      put(note, words, "kept");
      bar.appendChild(note);
    }
    var clear = button("", "hb-ticks__clear");
    put(clear, words, "clear");
    var said = liveStatus("hb-ticks__status");
    clear.addEventListener("click", function () {
      boxes.forEach(function (box) {
        box.checked = false;
      });
      save();
      put(said, words, "cleared");
    });
    bar.appendChild(clear);
    bar.appendChild(said);
    boxes[boxes.length - 1].closest("ul").after(bar);
  }

  /* Self-checks that answer back: the options become buttons, and the answer and why appear in a
     live region. Without the script the answer is in a <details> under the options. */
  function selfChecks() {
    var words = uiWords("check");
    if (!words) return;
    document.querySelectorAll(".hb-check").forEach(function (check) {
      var list = check.querySelector(".hb-check__options");
      var details = check.querySelector("details");
      if (!list || !details) return;
      var body = Array.prototype.filter.call(details.children, function (node) {
        return node.nodeName !== "SUMMARY";
      });
      var feedback = liveStatus("hb-check__feedback");
      var options = [];
      list.querySelectorAll("li").forEach(function (item) {
        var option = button("", "hb-check__option");
        while (item.firstChild) option.appendChild(item.firstChild);
        option.setAttribute("aria-pressed", "false");
        item.appendChild(option);
        options.push(option);
        option.addEventListener("click", function () {
          var right = item.classList.contains("hb-check__right");
          options.forEach(function (other) {
            other.setAttribute("aria-pressed", other === option ? "true" : "false");
            other.classList.remove("hb-check__option--right", "hb-check__option--wrong");
          });
          option.classList.add(right ? "hb-check__option--right" : "hb-check__option--wrong");
          feedback.className = "hb-check__feedback hb-check__feedback--" + (right ? "right" : "wrong");
          feedback.textContent = "";
          var verdict = document.createElement("p");
          var word = document.createElement("strong");
          put(word, words, right ? "right" : "wrong");
          verdict.appendChild(word);
          if (!right && body[0]) verdict.appendChild(document.createTextNode(" " + body[0].textContent.trim()));
          feedback.appendChild(verdict);
          body.slice(1).forEach(function (node) {
            feedback.appendChild(node.cloneNode(true));
          });
        });
      });
      details.hidden = true;
      list.after(feedback);
    });
  }

  /* Quick exit: one press, or Escape, puts a neutral site in this page's place in the history,
     so the back button does not lead here. Nothing is asked of the other site before that. */
  function quickExit() {
    var link = document.querySelector(".hb-exit__link");
    if (!link) return;
    function leave() {
      if (window.speechSynthesis) window.speechSynthesis.cancel();
      document.body.hidden = true;
      location.replace(link.href);
    }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !document.querySelector("dialog[open]")) leave();
    });
  }

  /* Read aloud with the browser's own voice for the page's language; shown only where there is
     one. A block of text at a time; the block and, where the browser can, the word being read
     are marked. */
  function readAloud() {
    var words = uiWords("read");
    var article = document.querySelector(".md-content__inner");
    var synth = window.speechSynthesis;
    if (!words || !article || !synth || typeof SpeechSynthesisUtterance !== "function") return;
    var lang = (document.documentElement.lang || "").toLowerCase();
    var marking = window.CSS && CSS.highlights && typeof Highlight === "function";
    var BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, th, td, summary, figcaption";
    var SKIP = "[hidden], [aria-hidden='true'], .hb-ui, .hb-read, .headerlink, .hb-exit, script, style";
    var bar = null;
    var run = 0;

    function pick() {
      var found = null;
      (synth.getVoices() || []).forEach(function (voice) {
        var tag = String(voice.lang || "").toLowerCase().replace("_", "-");
        if (tag === lang || (!found && tag.split("-")[0] === lang.split("-")[0])) {
          if (!found || tag === lang) found = voice;
        }
      });
      return found;
    }

    function chunks() {
      var list = [];
      var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var parent = node.parentElement;
        if (!node.data.trim() || parent.closest(SKIP)) continue;
        var details = parent.closest("details");
        if (details && !details.open && !parent.closest("summary")) continue;
        var block = parent.closest(BLOCKS) || parent;
        var last = list[list.length - 1];
        if (!last || last.block !== block) list.push((last = { block: block, parts: [], text: "" }));
        last.parts.push({ node: node, start: last.text.length });
        last.text += node.data.replace(/\s/g, " ");
      }
      return list;
    }

    function unmark() {
      article.querySelectorAll(".hb-reading").forEach(function (el) {
        el.classList.remove("hb-reading");
      });
      if (marking) CSS.highlights.delete("hb-word");
    }

    function at(chunk, index) {
      for (var i = chunk.parts.length - 1; i >= 0; i--) {
        if (chunk.parts[i].start <= index) return { node: chunk.parts[i].node, offset: Math.min(index - chunk.parts[i].start, chunk.parts[i].node.length) };
      }
      return null;
    }

    function markWord(chunk, index, length) {
      if (!marking) return;
      var end = index + (length || (chunk.text.slice(index).match(/^\S*/) || [""])[0].length);
      var from = at(chunk, index);
      var to = at(chunk, end);
      if (!from || !to || end <= index) return;
      var range = document.createRange();
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      CSS.highlights.set("hb-word", new Highlight(range));
    }

    function build(place) {
      bar = document.createElement("div");
      bar.className = "hb-read";
      bar.setAttribute("role", "group");
      bar.setAttribute("aria-label", words.listen);
      var listen = button("", "hb-read__listen");
      var pause = button("", "hb-read__pause");
      var stop = button("", "hb-read__stop");
      put(listen, words, "listen");
      put(pause, words, "pause");
      put(stop, words, "stop");
      pause.hidden = stop.hidden = true;
      bar.appendChild(listen);
      bar.appendChild(pause);
      bar.appendChild(stop);
      place.after(bar);

      var paused = false;

      function reset(focus) {
        run++;
        paused = false;
        synth.cancel();
        unmark();
        listen.hidden = false;
        pause.hidden = stop.hidden = true;
        put(pause, words, "pause");
        if (focus) listen.focus();
      }

      function speak(list, index, ticket) {
        if (ticket !== run) return;
        unmark();
        if (index >= list.length) return reset(bar.contains(document.activeElement));
        var chunk = list[index];
        var utterance = new SpeechSynthesisUtterance(chunk.text);
        var voice = pick();
        utterance.lang = voice ? voice.lang : lang;
        try {
          utterance.voice = voice;
        } catch (error) {
          /* a voice this browser does not take: its language still chooses one */
        }
        utterance.onboundary = function (event) {
          if (ticket === run) markWord(chunk, event.charIndex, event.charLength);
        };
        utterance.onend = function () {
          speak(list, index + 1, ticket);
        };
        chunk.block.classList.add("hb-reading");
        synth.speak(utterance);
      }

      listen.addEventListener("click", function () {
        reset(false);
        listen.hidden = true;
        pause.hidden = stop.hidden = false;
        pause.focus();
        speak(chunks(), 0, run);
      });
      pause.addEventListener("click", function () {
        paused = !paused;
        if (paused) synth.pause();
        else synth.resume();
        put(pause, words, paused ? "resume" : "pause");
      });
      stop.addEventListener("click", function () {
        reset(true);
      });
      window.addEventListener("pagehide", function () {
        synth.cancel();
      });
    }

    function offer() {
      if (!bar && pick()) build(document.querySelector(".hb-ui--read"));
    }
    offer();
    if (!bar && synth.addEventListener) synth.addEventListener("voiceschanged", offer);
  }

  scrollableTables();
  menuButton();
  search();
  checklists();
  selfChecks();
  quickExit();
  readAloud();
})();
