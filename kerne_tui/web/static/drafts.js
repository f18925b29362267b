/* kerne: what is typed on the participant page is kept on the phone (ES2017, no libraries).
 *
 * Per join code and step, in localStorage, until it has been sent: a reload, a dropped
 * network or the facilitator moving on loses nothing. Drafts of other sessions are
 * forgotten, so a shared phone does not keep them.
 */
(function () {
  "use strict";

  var DRAFTS = "kerne:draft:";
  var SKIPPED = { step: true, client_id: true, csrf: true };

  var storage = {
    get: function (key) {
      try {
        return JSON.parse(window.localStorage.getItem(key) || "null");
      } catch (ignored) {
        return null;
      }
    },
    set: function (key, value) {
      try {
        window.localStorage.setItem(key, JSON.stringify(value));
      } catch (ignored) {
        /* private mode or full: the draft lives on in the page only */
      }
    },
    remove: function (key) {
      try {
        window.localStorage.removeItem(key);
      } catch (ignored) {
        /* nothing to do */
      }
    },
  };

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && !SKIPPED[field.name] && field.type !== "submit" && field.type !== "button";
    });
  }

  function readForm(form) {
    var pairs = [];
    var meaningful = false;
    fieldsOf(form).forEach(function (field) {
      if (field.type === "radio" || field.type === "checkbox") {
        if (field.checked) {
          pairs.push([field.name, field.value]);
          meaningful = true;
        }
      } else {
        pairs.push([field.name, field.value]);
        if (field.value.trim() && field.value !== "0") {
          meaningful = true;
        }
      }
    });
    return meaningful ? pairs : null;
  }

  /* The drafts of the session with join code *code*; *freeText* names the fields whose
     text is shown apart when the step moves on before it was sent. */
  function drafts(code, freeText) {
    function key(step) {
      return DRAFTS + code + ":" + step;
    }

    function save(form) {
      var step = form.elements.step.value;
      var pairs = readForm(form);
      if (pairs) {
        storage.set(key(step), pairs);
      } else {
        storage.remove(key(step));
      }
    }

    function restore(form) {
      var pairs = storage.get(key(form.elements.step.value));
      if (!Array.isArray(pairs)) {
        return;
      }
      var has = function (name, value) {
        return pairs.some(function (pair) {
          return pair[0] === name && (value === undefined || pair[1] === value);
        });
      };
      fieldsOf(form).forEach(function (field) {
        if (field.type === "radio" || field.type === "checkbox") {
          field.checked = has(field.name, field.value);
        } else if (has(field.name)) {
          field.value = pairs.filter(function (pair) {
            return pair[0] === field.name;
          })[0][1];
        }
      });
    }

    /* Empty the form's own fields (after it was sent). */
    function clear(form) {
      fieldsOf(form).forEach(function (field) {
        if (field.type === "radio" || field.type === "checkbox") {
          field.checked = false;
        } else {
          field.value = field.type === "number" ? "0" : "";
        }
      });
    }

    function unsentText(form) {
      return freeText
        .map(function (name) {
          var field = form.elements.namedItem(name);
          return field && field.value ? field.value.trim() : "";
        })
        .filter(Boolean)
        .join("\n");
    }

    function forgetOtherSessions() {
      try {
        var stale = [];
        for (var i = 0; i < window.localStorage.length; i += 1) {
          var name = window.localStorage.key(i);
          if (name && name.indexOf(DRAFTS) === 0 && name.indexOf(DRAFTS + code + ":") !== 0) {
            stale.push(name);
          }
        }
        stale.forEach(storage.remove);
      } catch (ignored) {
        /* no storage: nothing to forget */
      }
    }

    return {
      save: save,
      restore: restore,
      clear: clear,
      forget: function (step) {
        storage.remove(key(step));
      },
      unsentText: unsentText,
      forgetOtherSessions: forgetOtherSessions,
    };
  }

  window.kerne = window.kerne || {};
  window.kerne.drafts = drafts;
})();
