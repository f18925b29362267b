// kerne: the facilitator's remote. Reads the facilitator's view from /control/events and
// sends the wall's commands. Text goes in with textContent only; nothing is fetched elsewhere.
"use strict";

(function () {
  const root = document.getElementById("remote");
  if (!root) {
    return;
  }
  const say = (name) => root.dataset[name] || "";
  const byId = (id) => document.getElementById(id);
  let view = null;
  let received = 0;
  let stream = null;
  let revoked = false;

  function clockText(seconds) {
    const whole = Math.max(0, Math.ceil(seconds));
    const minutes = Math.floor(whole / 60);
    const rest = String(whole % 60).padStart(2, "0");
    return minutes + ":" + rest;
  }

  function secondsLeft() {
    if (!view) {
      return 0;
    }
    const timer = view.timer;
    const passed = timer.running ? (Date.now() - received) / 1000 : 0;
    return timer.seconds_left - passed;
  }

  function drawClock() {
    if (!view || !view.step) {
      byId("remote-clock").textContent = "";
      return;
    }
    let text = clockText(secondsLeft());
    if (!view.timer.running) {
      text += " · " + say("tPaused");
    }
    byId("remote-clock").textContent = text;
  }

  function notice(text) {
    const element = byId("remote-notice");
    element.textContent = text || "";
    element.hidden = !text;
  }

  function answerItem(item) {
    const li = document.createElement("li");
    li.className = item.hidden ? "is-hidden" : "";
    const text = document.createElement("span");
    text.className = "answer-text";
    text.textContent = item.weight > 1 ? item.text + " (×" + item.weight + ")" : item.text;
    if (item.hidden) {
      text.textContent += " · " + say("tHidden");
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "remote-button";
    button.dataset.hide = item.id;
    button.textContent = item.hidden ? say("tRestore") : say("tHide");
    li.append(text, button);
    if (!item.hidden) {
      li.append(spotlightButton(item));
    }
    return li;
  }

  // Paging and the spotlight: which page the wall shows, and one answer alone on it.
  function spotlightButton(item) {
    const lit = view.wall && view.wall.spotlight === item.id;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "remote-button" + (lit ? " primary" : "");
    button.dataset.spotlight = lit ? "" : item.id;
    button.textContent = lit ? say("tUnspot") : say("tSpot");
    return button;
  }

  function wallText() {
    const wall = view.wall || { pages: 1 };
    const parts = [];
    if (wall.pages > 1) {
      parts.push(say("tPage").replace("{page}", wall.page).replace("{pages}", wall.pages));
      parts.push(wall.held ? say("tHeld") : say("tTurning").replace("{seconds}", wall.page_seconds));
    }
    if (wall.spotlight) {
      parts.push(say("tSpotlight"));
    }
    return parts.join(" · ");
  }

  function draw() {
    if (!view) {
      return;
    }
    const step = view.step;
    if (view.status === "waiting" || !step) {
      byId("remote-where").textContent = view.title;
      byId("remote-step").textContent = view.status === "finished" ? say("tFinished") : say("tWaiting");
    } else {
      byId("remote-where").textContent = say("tWhere").replace(
        /\{(module_index|modules|index|count)\}/g,
        (whole, name) => String(step[name]),
      );
      byId("remote-step").textContent = step.title;
    }
    byId("remote-notes").textContent = view.notes || say("tNoNotes");
    byId("remote-wall").textContent = wallText();
    const list = byId("remote-answers");
    const answers = view.answers;
    list.replaceChildren();
    if (!answers) {
      byId("remote-counts").textContent = say("tNoAnswers");
    } else {
      const counts = say("tCounts")
        .replace("{count}", String(answers.count))
        .replace("{people}", String(answers.respondents));
      const wall = answers.revealed ? say("tOnWall") : say("tNotOnWall");
      byId("remote-counts").textContent = answers.title + ": " + counts + " · " + wall;
      const shown = answers.items.filter((item) => !item.merged_into);
      if (!shown.length) {
        const empty = document.createElement("li");
        empty.textContent = say("tNoAnswers");
        list.append(empty);
      }
      for (const item of shown) {
        list.append(answerItem(item));
      }
    }
    drawClock();
  }

  function refused() {
    revoked = true;
    if (stream) {
      stream.close();
    }
    notice(say("tRevoked"));
    for (const button of document.querySelectorAll("button")) {
      button.disabled = true;
    }
  }

  async function send(command, body) {
    if (revoked) {
      return;
    }
    try {
      const response = await fetch("/control/commands/" + command, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body || {}),
      });
      if (response.status === 403) {
        refused();
        return;
      }
      const answer = await response.json();
      notice(answer.error ? answer.error.message : answer.notice);
    } catch (error) {
      notice(say("tOffline"));
    }
  }

  function listen() {
    stream = new EventSource("/control/events");
    stream.addEventListener("view", (event) => {
      view = JSON.parse(event.data);
      received = Date.now();
      if (byId("remote-notice").textContent === say("tOffline")) {
        notice("");
      }
      draw();
    });
    stream.addEventListener("error", async () => {
      if (revoked) {
        return;
      }
      try {
        const check = await fetch("/control/state", { credentials: "same-origin" });
        if (check.status === 403) {
          refused();
          return;
        }
      } catch (error) {
        // offline: the stream retries by itself
      }
      notice(say("tOffline"));
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) {
      return;
    }
    if (button.dataset.command) {
      send(button.dataset.command);
    } else if (button.dataset.hide) {
      send("hide", { id: button.dataset.hide });
    } else if (button.dataset.spotlight !== undefined) {
      send("spotlight", { id: button.dataset.spotlight });
    }
  });
  setInterval(drawClock, 500);
  listen();
})();
