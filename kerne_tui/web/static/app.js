/* kerne: the participant page's own script (no libraries, ES2017 for old phones).
 *
 * The page works without it through plain forms. With it: answers go through the JSON API
 * without a reload, the page follows the facilitator live over Server-Sent Events, the
 * countdown ticks locally from the server's "seconds left", and whatever is typed is kept in
 * localStorage per join code and step until it has been sent (drafts.js).
 *
 * What differs by step kind (the payload, the counter, the dots, the ranking) is in the
 * table of kinds.js; the addresses and the form's field names come from the page.
 */
(function () {
  "use strict";

  var live = document.getElementById("live");
  var kerne = window.kerne;
  if (!live || !window.fetch || !window.JSON || !kerne || !kerne.kindOf || !kerne.drafts) {
    return;
  }
  var words = live.dataset;
  var fill = kerne.fill;
  var kindOf = kerne.kindOf;
  var drafts = kerne.drafts(
    live.getAttribute("data-code"),
    (live.getAttribute("data-free-text-fields") || "").split(" ").filter(Boolean)
  );
  var urls = {
    fragment: live.getAttribute("data-url-fragment"),
    submit: live.getAttribute("data-url-submit"),
    events: live.getAttribute("data-url-events"),
  };

  /* --- small helpers ---------------------------------------------------------------- */

  function main() {
    return document.getElementById("main");
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

  /* The notice is empty in the page as served: a browser without script (a text browser
     shows hidden text too) never reads that the connection is gone. */
  function setOnline(online) {
    var notice = document.getElementById("connection");
    if (notice) {
      notice.textContent = online ? "" : words.tOffline;
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
    var word = countdown.running ? "" : words.tPaused;
    if (paused && paused.textContent !== word) {
      paused.textContent = word;
    }
  }

  /* --- enhancing a freshly shown step ------------------------------------------------- */

  function clearForm(form) {
    drafts.clear(form);
    kindOf(form).update(form);
  }

  function enhance(page) {
    syncTimer(page.getAttribute("data-seconds"), page.getAttribute("data-running") === "true");
    var form = page.querySelector("form#answer");
    if (!form) {
      return;
    }
    form.elements.client_id.value = newClientId();
    drafts.restore(form);
    var kind = kindOf(form);
    kind.enhance(form);
    kind.update(form);
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
      drafts.save(oldForm);
      if (newStep !== oldStep) {
        unsent = drafts.unsentText(oldForm);
        /* A text the step refused (its cap was reached) stays that step's draft: it was not
           cut off by the step ending, so it does not follow the phone to the next steps. */
        if (unsent && refused[oldStep] === unsent) {
          unsent = "";
        }
      }
    }
    var parking = keepParking(old);
    /* Someone typing while the same step is redrawn (a pin, the time running out) keeps
       the field, the cursor and the phone's keyboard. */
    var active = document.activeElement;
    var typing = active && active.id && old.contains(active) && newStep === oldStep ? active : null;
    /* An earlier note of unsent text moves along until its own step comes back. */
    var earlier = old.querySelector(".unsent");
    old.parentNode.replaceChild(fresh, old);
    parking(fresh);
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

  /* The parking lot redrawn (someone parked or upvoted) stays open, with what was being
     typed in it; returns what puts them back into the fresh page. */
  function keepParking(old) {
    var lot = old.querySelector("#parkering");
    var field = old.querySelector("#park-text");
    var open = !!(lot && lot.open);
    var text = field ? field.value : "";
    return function (fresh) {
      var again = fresh.querySelector("#parkering");
      var againField = fresh.querySelector("#park-text");
      if (again && open) {
        again.open = true;
      }
      if (againField && text && !againField.value) {
        againField.value = text;
      }
    };
  }

  /* Fetch the page's main part again; only the newest of overlapping fetches is shown. */
  async function refresh() {
    generation += 1;
    var mine = generation;
    var response;
    var html;
    try {
      response = await fetch(urls.fragment, {
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

  /* The API's error ({code, message}), or the network sentence when there is none. */
  async function errorOf(response) {
    try {
      var body = await response.json();
      return { code: String(body.error.code), message: String(body.error.message) };
    } catch (ignored) {
      return { code: "", message: words.tNetwork };
    }
  }

  async function errorMessage(response) {
    return (await errorOf(response)).message;
  }

  /* --- a full server or a busy phone: wait calmly and try again; the draft stays ------- */

  var FULL_TRIES = 8;

  /* What a refusal worth waiting out is: "full" (503 with Retry-After: the laptop is full
     right now) or "busy" (429 with Retry-After and the code "busy": this phone, or its
     network address, has many requests under way); null for any other answer. */
  async function waitable(response) {
    var after = parseInt(response.headers.get("Retry-After") || "", 10);
    if (!(after >= 0)) {
      return null;
    }
    if (response.status === 503) {
      return "full";
    }
    if (response.status !== 429) {
      return null;
    }
    try {
      var body = await response.clone().json();
      return body.error && body.error.code === "busy" ? "busy" : null;
    } catch (ignored) {
      return null;
    }
  }

  /* fetch(), but a refusal worth waiting out is tried again after Retry-After seconds,
     growing by half each time, with a random share so that a room does not come back at
     once; onWait(seconds, kind) is told before each wait. */
  async function fetchWhileFull(url, options, onWait) {
    var response = null;
    for (var attempt = 0; attempt < FULL_TRIES; attempt += 1) {
      response = await fetch(url, options);
      var kind = await waitable(response);
      if (!kind || attempt === FULL_TRIES - 1) {
        return response;
      }
      var after = parseInt(response.headers.get("Retry-After"), 10);
      var wait = Math.min(30, Math.max(1, after) * Math.pow(1.5, attempt)) * (0.5 + Math.random());
      onWait(Math.ceil(wait), kind);
      await new Promise(function (resolve) {
        setTimeout(resolve, wait * 1000);
      });
    }
    return response;
  }

  var sending = false;
  /* The text each step refused (by step id), so that it is not shown as cut off later. */
  var refused = {};

  async function send(form) {
    if (sending) {
      return;
    }
    sending = true;
    drafts.save(form);
    var button = form.querySelector("#send");
    var label = button ? button.textContent : "";
    if (button) {
      button.disabled = true;
      button.textContent = words.tSending;
    }
    var step = form.elements.step.value;
    var body = kindOf(form).payload(form);
    body.step = step;
    body.client_id = form.elements.client_id.value;
    var failure = null;
    try {
      var response = await fetchWhileFull(urls.submit, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      }, function (seconds, kind) {
        var notice = kind === "busy" ? words.tBusy : words.tFull;
        flash("info", [fill(notice, { seconds: seconds })], false);
      });
      if (response.status === 201) {
        /* Sent and on disk: the draft goes, so the swap below does not keep it again. */
        clearForm(form);
        drafts.forget(step);
        form.elements.client_id.value = newClientId();
        await refresh();
        flash("ok", [words.tSent], true);
      } else {
        var error = await errorOf(response);
        failure = error.message;
        if (error.code === "cap") {
          refused[step] = drafts.unsentText(form);
        }
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
      if (drafts.unsentText(form)) {
        lines.push(words.tDraftKept);
      }
      flash("error", lines, true);
    }
  }

  async function retract(form) {
    var button = form.querySelector("button");
    if (button.disabled) {
      return;
    }
    button.disabled = true;
    var failure = null;
    try {
      var response = await fetch(form.getAttribute("data-url"), {
        method: "DELETE",
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
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

  /* An upvote, or a question for the parking lot: a small form whose fields (all but the
   * form token) are the JSON body, sent to its data-url; the page is then read again. */
  async function sendSmall(form) {
    var button = form.querySelector("button");
    if (button.disabled) {
      return;
    }
    button.disabled = true;
    var body = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (field.name && field.name !== "csrf") {
        body[field.name] = field.value;
      }
    });
    var failure = null;
    try {
      var response = await fetch(form.getAttribute("data-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body),
      });
      if (response.status === 201) {
        var parking = form.closest("#parkering");
        await refresh();
        if (parking) {
          var again = document.getElementById("parkering");
          if (again) {
            again.open = true;
          }
        }
        flash("ok", [words.tSent], !parking);
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
    } else if (form.classList.contains("api-form")) {
      event.preventDefault();
      sendSmall(form);
    }
  });

  function edited(event) {
    var form = event.target.form;
    if (!form || form.id !== "answer") {
      return;
    }
    drafts.save(form);
    kindOf(form).update(form);
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
    source = new EventSource(urls.events);
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
  drafts.forgetOtherSessions();
  var first = main();
  if (first) {
    enhance(first);
  }
  setInterval(paintTimer, 500);
  document.addEventListener("visibilitychange", wake);
  /* The browser's own word that the network is gone comes before any stream notices. */
  window.addEventListener("offline", function () {
    setOnline(false);
  });
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
