/* kerne: the participant page's own script (no libraries, ES2017 for old phones).
 *
 * The page works without it through plain forms. With it: answers go through the JSON API
 * without a reload, the page follows the facilitator live over Server-Sent Events, the
 * countdown ticks locally from the server's "seconds left", and whatever is typed is kept in
 * localStorage per join code and step until it has been sent.
 */
(function () {
  "use strict";

  var live = document.getElementById("live");
  if (!live || !window.fetch || !window.JSON) {
    return;
  }
  var code = live.getAttribute("data-code");
  var words = live.dataset;
  var DRAFTS = "kerne:draft:";
  var SKIPPED = { step: true, client_id: true, csrf: true };
  var TEXTUAL = ["text", "what", "who", "when"];

  /* --- small helpers ---------------------------------------------------------------- */

  function main() {
    return document.getElementById("main");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  /* A contribution's client id: a double tap or a retry of the same answer sends the same
     id, so the server keeps one. randomUUID needs a secure context, which a laptop on the
     LAN is not, so fall back to getRandomValues, then to Math.random. */
  function newClientId() {
    var cryptoApi = window.crypto;
    if (cryptoApi && typeof cryptoApi.randomUUID === "function") {
      try {
        return cryptoApi.randomUUID().replace(/-/g, "");
      } catch (ignored) {
        /* not a secure context: fall through */
      }
    }
    var bytes = new Uint8Array(16);
    if (cryptoApi && cryptoApi.getRandomValues) {
      cryptoApi.getRandomValues(bytes);
    } else {
      for (var i = 0; i < bytes.length; i += 1) {
        bytes[i] = Math.floor(Math.random() * 256);
      }
    }
    return Array.prototype.map
      .call(bytes, function (b) {
        return (b < 16 ? "0" : "") + b.toString(16);
      })
      .join("");
  }

  /* --- drafts: kept on the phone per join code and step ------------------------------- */

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

  function draftKey(step) {
    return DRAFTS + code + ":" + step;
  }

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

  function saveDraft(form) {
    var step = form.elements.step.value;
    var pairs = readForm(form);
    if (pairs) {
      storage.set(draftKey(step), pairs);
    } else {
      storage.remove(draftKey(step));
    }
  }

  function restoreDraft(form) {
    var pairs = storage.get(draftKey(form.elements.step.value));
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

  function clearForm(form) {
    fieldsOf(form).forEach(function (field) {
      if (field.type === "radio" || field.type === "checkbox") {
        field.checked = false;
      } else {
        field.value = field.type === "number" ? "0" : "";
      }
    });
    updateCounter(form);
    updateDots(form);
    updateRanking(form);
  }

  function textualDraft(form) {
    return TEXTUAL.map(function (name) {
      var field = form.elements.namedItem(name);
      return field && field.value ? field.value.trim() : "";
    })
      .filter(Boolean)
      .join("\n");
  }

  /* Forget drafts of other sessions: a shared phone should not keep them. */
  function forgetOtherSessions() {
    try {
      var stale = [];
      for (var i = 0; i < window.localStorage.length; i += 1) {
        var key = window.localStorage.key(i);
        if (key && key.indexOf(DRAFTS) === 0 && key.indexOf(DRAFTS + code + ":") !== 0) {
          stale.push(key);
        }
      }
      stale.forEach(storage.remove);
    } catch (ignored) {
      /* no storage: nothing to forget */
    }
  }

  /* --- messages ---------------------------------------------------------------------- */

  function flash(kind, lines, focus) {
    var box = document.getElementById("flash");
    if (!box) {
      return;
    }
    var note = element("p", { class: "notice notice-" + kind, tabindex: "-1" });
    if (kind === "error") {
      note.setAttribute("role", "alert");
    }
    lines.forEach(function (line, index) {
      if (index) {
        note.appendChild(document.createElement("br"));
      }
      note.appendChild(document.createTextNode(line));
    });
    box.textContent = "";
    box.appendChild(note);
    if (focus) {
      note.focus();
    }
  }

  function announce(text) {
    var region = document.getElementById("announce");
    if (region) {
      region.textContent = text;
    }
  }

  function setOnline(online) {
    var notice = document.getElementById("connection");
    if (notice) {
      notice.hidden = online;
    }
  }

  /* --- the countdown: seconds left from the server, counted down on the phone's own
     monotonic clock (never compared with its wall clock) ------------------------------ */

  var countdown = { seconds: 0, running: false, at: 0 };

  function now() {
    return window.performance && performance.now ? performance.now() : Date.now();
  }

  function syncTimer(seconds, running) {
    countdown = { seconds: Number(seconds) || 0, running: !!running, at: now() };
    paintTimer();
  }

  function paintTimer() {
    var shown = document.getElementById("timer");
    if (!shown) {
      return;
    }
    var left = countdown.seconds;
    if (countdown.running) {
      left = Math.max(0, countdown.seconds - (now() - countdown.at) / 1000);
    }
    var whole = Math.ceil(left);
    var text = Math.floor(whole / 60) + ":" + ("0" + (whole % 60)).slice(-2);
    if (shown.textContent !== text) {
      shown.textContent = text;
    }
    var paused = document.getElementById("paused");
    if (paused) {
      paused.hidden = countdown.running;
    }
  }

  /* --- enhancing a freshly shown step ------------------------------------------------- */

  function updateCounter(form) {
    var counter = form.querySelector("#counter");
    var field = form.elements.namedItem("text");
    if (!counter || !field) {
      return;
    }
    var limit = Number(counter.getAttribute("data-limit"));
    counter.textContent = fill(counter.getAttribute("data-template"), {
      n: field.value.length,
      limit: limit,
    });
    counter.classList.toggle("over", field.value.length >= limit);
  }

  function dotInputs(form) {
    return Array.prototype.slice.call(form.querySelectorAll('input[name^="dot:"]'));
  }

  function updateDots(form) {
    var left = form.querySelector("#dots-left");
    if (!left) {
      return;
    }
    var total = Number(left.getAttribute("data-total"));
    var placed = Number(left.getAttribute("data-placed"));
    var inputs = dotInputs(form);
    var used = inputs.reduce(function (sum, input) {
      return sum + Math.max(0, parseInt(input.value, 10) || 0);
    }, 0);
    var remaining = total - placed - used;
    var text = fill(left.getAttribute("data-template"), { n: remaining, total: total });
    if (left.textContent !== text) {
      left.textContent = text;
    }
    left.classList.toggle("over", remaining < 0);
    inputs.forEach(function (input) {
      var value = parseInt(input.value, 10) || 0;
      var row = input.parentNode;
      var minus = row.querySelector('[data-delta="-1"]');
      var plus = row.querySelector('[data-delta="1"]');
      if (minus) {
        minus.disabled = value <= 0;
      }
      if (plus) {
        plus.disabled = remaining <= 0 || value >= Number(input.max || total);
      }
    });
  }

  function addSteppers(form) {
    dotInputs(form).forEach(function (input) {
      var stepper = element("div", { class: "stepper" });
      var minus = element("button", {
        type: "button",
        class: "secondary",
        "data-delta": "-1",
        "aria-label": input.getAttribute("data-remove-label"),
      }, "\u2212");
      var plus = element("button", {
        type: "button",
        "data-delta": "1",
        "aria-label": input.getAttribute("data-add-label"),
      }, "+");
      input.parentNode.insertBefore(stepper, input);
      stepper.appendChild(minus);
      stepper.appendChild(input);
      stepper.appendChild(plus);
    });
  }

  /* In a ranking an option can take one place only: hide it from the other places. */
  function updateRanking(form) {
    var selects = Array.prototype.slice.call(form.querySelectorAll('select[name^="rank:"]'));
    var taken = selects.map(function (select) {
      return select.value;
    });
    selects.forEach(function (select, index) {
      Array.prototype.forEach.call(select.options, function (option) {
        option.disabled =
          option.value !== "" &&
          taken.some(function (value, other) {
            return other !== index && value === option.value;
          });
      });
    });
  }

  function enhance(page) {
    syncTimer(page.getAttribute("data-seconds"), page.getAttribute("data-running") === "true");
    var form = page.querySelector("form#answer");
    if (!form) {
      return;
    }
    form.elements.client_id.value = newClientId();
    restoreDraft(form);
    addSteppers(form);
    updateCounter(form);
    updateDots(form);
    updateRanking(form);
  }

  function showUnsent(page, step, text) {
    var box = element("section", { class: "unsent", "data-step": step, "aria-labelledby": "unsent-heading" });
    box.appendChild(element("h2", { id: "unsent-heading" }, words.tUnsentHeading));
    box.appendChild(element("p", {}, words.tUnsentHelp));
    var copy = element("textarea", { readonly: "", rows: "3", "aria-labelledby": "unsent-heading" });
    copy.value = text;
    box.appendChild(copy);
    box.appendChild(element("button", { type: "button", class: "secondary", "data-dismiss": "" }, words.tDismiss));
    placeUnsent(page, box);
  }

  function refocus(page, before) {
    var again = page.querySelector("#" + before.id);
    if (!again || again.tagName !== before.tagName) {
      return;
    }
    again.focus();
    try {
      again.setSelectionRange(before.selectionStart, before.selectionEnd);
    } catch (ignored) {
      /* not a text field: focus is enough */
    }
  }

  /* Below the new step's question, so the step itself is seen first. */
  function placeUnsent(page, box) {
    var anchor = page.querySelector("#svar");
    if (anchor) {
      anchor.parentNode.insertBefore(box, anchor);
    } else {
      page.appendChild(box);
    }
  }

  /* --- swapping in the page of a new step or state ---------------------------------- */

  var generation = 0;

  function swap(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html").getElementById("main");
    var old = main();
    if (!parsed || !old) {
      return null;
    }
    var fresh = document.importNode(parsed, true);
    var oldStep = old.getAttribute("data-step");
    var newStep = fresh.getAttribute("data-step");
    var oldForm = old.querySelector("form#answer");
    var unsent = "";
    if (oldForm) {
      saveDraft(oldForm);
      if (newStep !== oldStep) {
        unsent = textualDraft(oldForm);
      }
    }
    /* Someone typing while the same step is redrawn (a pin, the time running out) keeps
       the field, the cursor and the phone's keyboard. */
    var active = document.activeElement;
    var typing = active && active.id && old.contains(active) && newStep === oldStep ? active : null;
    /* An earlier note of unsent text moves along until its own step comes back. */
    var earlier = old.querySelector(".unsent");
    old.parentNode.replaceChild(fresh, old);
    enhance(fresh);
    if (typing) {
      refocus(fresh, typing);
    }
    if (unsent) {
      showUnsent(fresh, oldStep, unsent);
    } else if (earlier && earlier.getAttribute("data-step") !== newStep && !fresh.querySelector(".unsent")) {
      placeUnsent(fresh, earlier);
    }
    if (newStep !== oldStep) {
      var title = fresh.querySelector("#step-title");
      var name = title ? title.textContent.trim() : "";
      document.title = (newStep && name ? name + " \u00b7 " : "") + words.site;
      if (name) {
        announce(fill(words.tNewStep, { title: name }));
      }
    }
    return fresh;
  }

  /* Fetch the page's main part again; only the newest of overlapping fetches is shown. */
  async function refresh() {
    generation += 1;
    var mine = generation;
    var response;
    var html;
    try {
      response = await fetch("/j/" + encodeURIComponent(code) + "/fragment", {
        credentials: "same-origin",
        cache: "no-store",
      });
      if (!response.ok) {
        return null;
      }
      html = await response.text();
    } catch (ignored) {
      return null;
    }
    return mine === generation ? swap(html) : null;
  }

  /* --- sending and retracting ---------------------------------------------------------- */

  function payloadOf(form) {
    var kind = form.getAttribute("data-kind");
    var field = function (name) {
      var found = form.elements.namedItem(name);
      return found ? found.value : "";
    };
    var checked = function (name) {
      return Array.prototype.filter
        .call(form.querySelectorAll('input[name="' + name + '"]'), function (input) {
          return input.checked;
        })
        .map(function (input) {
          return input.value;
        });
    };
    if (kind === "text" || kind === "sentence") {
      return { text: field("text") };
    }
    if (kind === "actions") {
      return { what: field("what"), who: field("who"), when: field("when") };
    }
    if (kind === "vote") {
      var dots = {};
      dotInputs(form).forEach(function (input) {
        var count = parseInt(input.value, 10);
        if (count) {
          dots[input.name.slice(4)] = count;
        }
      });
      return { dots: dots };
    }
    if (kind === "scale") {
      var values = {};
      form.querySelectorAll('input[type="radio"]:checked').forEach(function (input) {
        values[input.name.slice(2)] = parseInt(input.value, 10);
      });
      return { values: values };
    }
    if (kind === "choice") {
      return { choices: checked("choice") };
    }
    if (kind === "rank") {
      var ranking = [];
      form.querySelectorAll('select[name^="rank:"]').forEach(function (select) {
        if (select.value) {
          ranking.push(select.value);
        }
      });
      return { ranking: ranking };
    }
    return {};
  }

  async function errorMessage(response) {
    try {
      var body = await response.json();
      return body.error.message;
    } catch (ignored) {
      return words.tNetwork;
    }
  }

  /* --- a full server: wait calmly and try again; the draft stays where it is ----------- */

  var FULL_TRIES = 8;

  /* fetch(), but a 503 with Retry-After (the laptop is full right now) is tried again after
     that many seconds, growing by half each time, with a random share so that a room does not
     come back at once; onWait(seconds) is told before each wait. */
  async function fetchWhileFull(url, options, onWait) {
    var response = null;
    for (var attempt = 0; attempt < FULL_TRIES; attempt += 1) {
      response = await fetch(url, options);
      var after = parseInt(response.headers.get("Retry-After") || "", 10);
      if (response.status !== 503 || !(after >= 0) || attempt === FULL_TRIES - 1) {
        return response;
      }
      var wait = Math.min(30, Math.max(1, after) * Math.pow(1.5, attempt)) * (0.5 + Math.random());
      onWait(Math.ceil(wait));
      await new Promise(function (resolve) {
        setTimeout(resolve, wait * 1000);
      });
    }
    return response;
  }

  var sending = false;

  async function send(form) {
    if (sending) {
      return;
    }
    sending = true;
    saveDraft(form);
    var button = form.querySelector("#send");
    var label = button ? button.textContent : "";
    if (button) {
      button.disabled = true;
      button.textContent = words.tSending;
    }
    var step = form.elements.step.value;
    var body = payloadOf(form);
    body.step = step;
    body.client_id = form.elements.client_id.value;
    var failure = null;
    try {
      var response = await fetchWhileFull("/api/" + encodeURIComponent(code) + "/contributions", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      }, function (seconds) {
        flash("info", [fill(words.tFull, { seconds: seconds })], false);
      });
      if (response.status === 201) {
        /* Sent and on disk: the draft goes, so the swap below does not keep it again. */
        clearForm(form);
        storage.remove(draftKey(step));
        form.elements.client_id.value = newClientId();
        await refresh();
        flash("ok", [words.tSent], true);
      } else {
        failure = await errorMessage(response);
      }
    } catch (ignored) {
      failure = words.tNetwork;
    } finally {
      sending = false;
      if (button) {
        button.disabled = false;
        button.textContent = label;
      }
    }
    if (failure) {
      var lines = [failure];
      if (textualDraft(form)) {
        lines.push(words.tDraftKept);
      }
      flash("error", lines, true);
    }
  }

  async function retract(form) {
    var id = form.getAttribute("data-id");
    var button = form.querySelector("button");
    if (button.disabled) {
      return;
    }
    button.disabled = true;
    var failure = null;
    try {
      var response = await fetch(
        "/api/" + encodeURIComponent(code) + "/contributions/" + encodeURIComponent(id),
        { method: "DELETE", credentials: "same-origin", headers: { Accept: "application/json" } }
      );
      if (response.status === 204) {
        await refresh();
        flash("ok", [words.tRetracted], true);
        return;
      }
      failure = await errorMessage(response);
    } catch (ignored) {
      failure = words.tNetwork;
    }
    button.disabled = false;
    flash("error", [failure], true);
  }

  /* --- events from the page (delegated: the main part is replaced as steps change) ------ */

  live.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.id === "answer") {
      event.preventDefault();
      send(form);
    } else if (form.classList.contains("retract")) {
      event.preventDefault();
      retract(form);
    }
  });

  function edited(event) {
    var form = event.target.form;
    if (!form || form.id !== "answer") {
      return;
    }
    saveDraft(form);
    updateCounter(form);
    updateDots(form);
    updateRanking(form);
  }

  live.addEventListener("input", edited);
  live.addEventListener("change", edited);

  live.addEventListener("click", function (event) {
    var target = event.target;
    var button = target.closest ? target.closest("button") : null;
    if (!button) {
      return;
    }
    if (button.hasAttribute("data-delta")) {
      var input = button.parentNode.querySelector('input[type="number"]');
      var value = (parseInt(input.value, 10) || 0) + Number(button.getAttribute("data-delta"));
      input.value = String(Math.max(0, Math.min(Number(input.max) || value, value)));
      input.dispatchEvent(new Event("input", { bubbles: true }));
    } else if (button.hasAttribute("data-dismiss")) {
      var box = button.closest(".unsent");
      if (box) {
        box.parentNode.removeChild(box);
      }
    }
  });

  /* --- live updates ------------------------------------------------------------------- */

  function differs(state) {
    var page = main();
    if (!page) {
      return false;
    }
    var version = page.getAttribute("data-version");
    return (
      (state.step || "") !== page.getAttribute("data-step") ||
      String(!!state.open) !== page.getAttribute("data-open") ||
      state.status !== page.getAttribute("data-status") ||
      (state.version !== undefined && version !== "" && String(state.version) !== version)
    );
  }

  function onState(event) {
    var state;
    try {
      state = JSON.parse(event.data);
    } catch (ignored) {
      return;
    }
    setOnline(true);
    syncTimer(state.seconds_left, state.running);
    if (differs(state)) {
      refresh();
    }
  }

  var source = null;
  var retryTimer = null;
  var retryDelay = 2000;

  function connect() {
    if (!window.EventSource) {
      return;
    }
    if (source) {
      source.close();
    }
    clearTimeout(retryTimer);
    retryTimer = null;
    source = new EventSource("/api/" + encodeURIComponent(code) + "/events");
    source.addEventListener("state", onState);
    source.onopen = function () {
      retryDelay = 2000;
      setOnline(true);
    };
    source.onerror = function () {
      setOnline(false);
      /* The browser reconnects by itself after a dropped stream; after a refused one
         (the server said no, or was restarting) it gives up, so try again here. */
      if (source.readyState === EventSource.CLOSED && !retryTimer) {
        retryTimer = setTimeout(function () {
          retryTimer = null;
          connect();
        }, retryDelay);
        retryDelay = Math.min(retryDelay * 2, 15000);
      }
    };
  }

  /* A phone that slept may hold a stream that died silently: open a fresh one, whose first
     message is the current state, whenever the page is looked at again. */
  function wake() {
    if (document.visibilityState !== "hidden") {
      connect();
    }
  }

  /* --- start --------------------------------------------------------------------------- */

  if (window.history && history.replaceState && /[?&](sent|retracted)=1/.test(location.search)) {
    history.replaceState(null, "", location.pathname);
  }
  forgetOtherSessions();
  var first = main();
  if (first) {
    enhance(first);
  }
  setInterval(paintTimer, 500);
  document.addEventListener("visibilitychange", wake);
  window.addEventListener("online", wake);
  window.addEventListener("pagehide", function () {
    if (source) {
      source.close();
    }
  });
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      connect();
    }
  });
  connect();
  /* Marks the page as driven by this script (styles and tests can tell). */
  document.documentElement.classList.add("js");
})();
