/* Type-ahead for the search boxes: an ARIA 1.2 combobox with a listbox popup.
 *
 * Progressive enhancement only. The markup is a plain <input type="search"> inside a
 * GET form to /recherche; this script adds the combobox roles when (and only when) it
 * runs. Inputs opt in with data-suggest="<url of /api/v1/suggest>"; translated words
 * come from data-* attributes rendered by the template (see macros/search.html).
 *
 * Keys: ArrowDown / ArrowUp move through the options (opening the list if needed),
 * Enter follows the active option (or submits the form as usual when none is active),
 * Escape closes the list (a second Escape clears the field), Tab leaves normally.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;
  var MIN_CHARS = 2;
  var counter = 0;

  function liveRegion() {
    var region = document.getElementById("suggest-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "suggest-status";
      region.className = "sr-only";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  function parseJSON(text, fallback) {
    try {
      return JSON.parse(text) || fallback;
    } catch (e) {
      return fallback;
    }
  }

  function enhance(input) {
    var endpoint = input.getAttribute("data-suggest");
    if (!endpoint || !window.fetch || !input.parentNode) {
      return;
    }
    counter += 1;
    var listId = (input.id || "suggest-" + counter) + "-suggestions";
    var types = parseJSON(input.getAttribute("data-suggest-types"), {});
    var msgCount = input.getAttribute("data-msg-count") || "{n}";
    var msgOne = input.getAttribute("data-msg-one") || msgCount;
    var msgNone = input.getAttribute("data-msg-none") || "";
    var status = liveRegion();

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggest__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-msg-label") || "Suggestions");
    list.hidden = true;
    input.parentNode.appendChild(list);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = null;

    function isOpen() {
      return !list.hidden;
    }

    function open() {
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }

    function setActive(index) {
      var options = list.children;
      if (active >= 0 && options[active]) {
        options[active].classList.remove("is-active");
        options[active].setAttribute("aria-selected", "false");
      }
      active = index;
      if (active >= 0 && options[active]) {
        var option = options[active];
        option.classList.add("is-active");
        option.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", option.id);
        if (option.scrollIntoView) {
          option.scrollIntoView({ block: "nearest" });
        }
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function follow(index) {
      var item = items[index];
      if (item && item.url) {
        close();
        window.location.assign(item.url);
      }
    }

    function announce(count) {
      var text = count === 0 ? msgNone : (count === 1 ? msgOne : msgCount.replace("{n}", String(count)));
      status.textContent = text;
    }

    function render(results) {
      items = results.filter(function (r) { return r && r.title && r.url; });
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      items.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.className = "suggest__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");

        var title = document.createElement("span");
        title.className = "suggest__title";
        title.textContent = item.title;
        option.appendChild(title);

        var label = types[item.type];
        if (label) {
          var type = document.createElement("span");
          type.className = "suggest__type";
          type.textContent = label;
          option.appendChild(type);
        }

        // mousedown, not click: keep focus in the input until we navigate.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
        });
        option.addEventListener("click", function () {
          follow(i);
        });
        list.appendChild(option);
      });
      if (items.length) {
        open();
      } else {
        close();
      }
      announce(items.length);
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_CHARS) {
        lastQuery = null;
        items = [];
        list.textContent = "";
        close();
        return;
      }
      if (query === lastQuery) {
        open();
        return;
      }
      lastQuery = query;
      if (controller) {
        controller.abort();
      }
      controller = window.AbortController ? new AbortController() : null;
      var url = endpoint + (endpoint.indexOf("?") === -1 ? "?" : "&") + "q=" + encodeURIComponent(query);
      fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          // A late answer for an older query is dropped.
          if (input.value.trim() !== query) {
            return;
          }
          render((data && data.results) || []);
        })
        .catch(function () {
          // Network error or aborted request: the plain search form still works.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      var key = event.key;
      if (key === "ArrowDown" || key === "Down") {
        event.preventDefault();
        if (!isOpen()) {
          open();
          if (event.altKey) {
            return;
          }
        }
        if (items.length) {
          setActive(active + 1 >= items.length ? 0 : active + 1);
        }
      } else if (key === "ArrowUp" || key === "Up") {
        event.preventDefault();
        if (!isOpen()) {
          open();
        }
        if (items.length) {
          setActive(active <= 0 ? items.length - 1 : active - 1);
        }
      } else if (key === "Enter") {
        if (isOpen() && active >= 0) {
          event.preventDefault();
          follow(active);
        }
        // Otherwise the form submits: a full search for what was typed.
      } else if (key === "Escape" || key === "Esc") {
        if (isOpen()) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          lastQuery = null;
          items = [];
          list.textContent = "";
        }
      } else if (key === "Home" || key === "End") {
        // Keep the caret behaviour of a text field.
        setActive(-1);
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 100);
    });

    input.addEventListener("focus", function () {
      if (items.length && input.value.trim() === lastQuery) {
        open();
      }
    });

    document.addEventListener("click", function (event) {
      if (event.target !== input && !list.contains(event.target)) {
        close();
      }
    });
  }

  var inputs = document.querySelectorAll("input[data-suggest]");
  for (var i = 0; i < inputs.length; i += 1) {
    enhance(inputs[i]);
  }
})();
