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

  // Each hide button is named by its answer ("Skjul Bent afbryder"), so a screen reader
  // can tell thirty of them apart; its visible word comes first in its name.
  function answerItem(item, index) {
    const li = document.createElement("li");
    li.className = item.hidden ? "is-hidden" : "";
    const text = document.createElement("span");
    text.className = "answer-text";
    text.id = "answer-" + index;
    text.textContent = item.weight > 1 ? item.text + " (×" + item.weight + ")" : item.text;
    if (item.hidden) {
      text.textContent += " · " + say("tHidden");
    }
    const button = document.createElement("button");
    button.type = "button";
    button.className = "remote-button";
    button.dataset.hide = item.id;
    button.id = "hide-" + index;
    button.setAttribute("aria-labelledby", button.id + " " + text.id);
    button.textContent = item.hidden ? say("tRestore") : say("tHide");
    li.append(text, button);
    if (!item.hidden) {
      li.append(spotlightButton(item, index, text.id));
      if (view.answers.mergeable) {
        li.append(mergeMenu(item, index));
      }
    }
    return li;
  }

  // Merge a duplicate into another answer, as the console's m does: its phones count there.
  function mergeMenu(item, index) {
    const merge = document.createElement("select");
    merge.className = "remote-merge";
    merge.id = "merge-" + index;
    merge.dataset.mergeAnswer = item.id;
    merge.setAttribute("aria-label", item.text + " – " + say("tMergeInto"));
    merge.append(new Option(say("tMergeInto"), ""));
    for (const other of view.answers.items) {
      if (other.id !== item.id && !other.hidden && !other.merged_into) {
        const words = other.text.length > 40 ? other.text.slice(0, 39) + "…" : other.text;
        merge.append(new Option(words, other.id));
      }
    }
    return merge;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, name) =>
      name in values ? String(values[name]) : whole,
    );
  }

  function button(label, data) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "remote-button";
    element.textContent = label;
    Object.assign(element.dataset, data);
    return element;
  }

  function wordItem(entry, words) {
    const li = document.createElement("li");
    li.className = entry.hidden || entry.into ? "is-hidden" : "";
    const text = document.createElement("span");
    text.className = "answer-text";
    text.textContent = entry.word + " (" + entry.count + ")";
    if (entry.hidden) {
      text.textContent += " · " + say("tHidden");
    } else if (entry.into) {
      text.textContent += " → " + entry.into;
    }
    const hidden = entry.hidden || entry.into;
    li.append(text, button(hidden ? say("tRestore") : say("tHide"), { word: entry.word }));
    if (!hidden) {
      const merge = document.createElement("select");
      merge.className = "remote-merge";
      merge.dataset.mergeWord = entry.word;
      merge.append(new Option(say("tMergeInto"), ""));
      for (const other of words) {
        if (other.word !== entry.word && !other.hidden && !other.into) {
          merge.append(new Option(other.word, other.word));
        }
      }
      li.append(merge);
    }
    return li;
  }

  function parkedItem(item) {
    const li = document.createElement("li");
    li.className = item.outcome ? "is-closed" : "";
    const text = document.createElement("span");
    text.className = "answer-text";
    text.textContent = item.text + " · " + fill(say("tVotes"), { n: item.votes });
    if (item.outcome) {
      const names = {
        answered: say("tOutcomeAnswered"),
        owner: fill(say("tOutcomeOwner"), { owner: item.owner }),
        dropped: say("tOutcomeDropped"),
      };
      text.textContent += " · " + names[item.outcome];
    }
    const row = document.createElement("div");
    row.className = "remote-row";
    row.append(
      button(say("tAnswered"), { outcome: "answered", id: item.id }),
      button(say("tOwner"), { outcome: "owner", id: item.id }),
      button(say("tDrop"), { outcome: "drop", id: item.id }),
    );
    li.append(text, row);
    return li;
  }

  function drawExtras() {
    const parking = view.parking;
    byId("remote-parking-section").hidden = !parking;
    const lot = byId("remote-parking");
    lot.replaceChildren();
    if (parking) {
      for (const item of parking.items) {
        lot.append(parkedItem(item));
      }
      if (!parking.items.length) {
        const empty = document.createElement("li");
        empty.textContent = say("tParkingEmpty");
        lot.append(empty);
      }
    }
    const proposals = view.proposals || [];
    byId("remote-proposals-section").hidden = !proposals.length;
    const list = byId("remote-proposals");
    list.replaceChildren();
    proposals.forEach((proposal, index) => {
      const li = document.createElement("li");
      const text = document.createElement("span");
      text.className = "answer-text";
      text.textContent = proposal.text;
      if (proposal.votes !== null) {
        text.textContent += " · " + fill(say("tDots"), { n: proposal.votes });
      }
      li.append(text, button(say("tPin"), { pin: String(index) }));
      list.append(li);
    });
    const turned = view.turned_away || { total: 0, causes: [] };
    byId("remote-turned-section").hidden = !turned.total;
    const causes = byId("remote-turned");
    causes.replaceChildren();
    for (const cause of turned.causes) {
      const li = document.createElement("li");
      li.textContent = fill(say("tTurned"), { n: cause.count, why: cause.why, remedy: cause.remedy });
      causes.append(li);
    }
  }

  // Paging and the spotlight: which page the wall shows, and one answer alone on it.
  // Named by its answer, as the hide button beside it is, so a screen reader tells them apart.
  function spotlightButton(item, index, textId) {
    const lit = view.wall && view.wall.spotlight === item.id;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "remote-button" + (lit ? " primary" : "");
    button.dataset.spotlight = lit ? "" : item.id;
    button.id = "spot-" + index;
    button.setAttribute("aria-labelledby", button.id + " " + textId);
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
      const withheld = answers.withheld
        ? " · " + say("tWithheld").replace("{n}", String(answers.min_answers))
        : "";
      byId("remote-counts").textContent = answers.title + ": " + counts + withheld + " · " + wall;
      const shown = answers.words.length ? [] : answers.items.filter((item) => !item.merged_into);
      for (const entry of answers.words) {
        list.append(wordItem(entry, answers.words));
      }
      if (!shown.length && !answers.words.length) {
        const empty = document.createElement("li");
        empty.textContent = say("tNoAnswers");
        list.append(empty);
      }
      shown.forEach((item, index) => list.append(answerItem(item, index)));
    }
    drawExtras();
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
    } else if (button.dataset.word) {
      send("hide_word", { step: view.answers.step, word: button.dataset.word });
    } else if (button.dataset.outcome === "owner") {
      const owner = window.prompt(say("tOwnerAsk"));
      if (owner && owner.trim()) {
        send("owner", { id: button.dataset.id, owner: owner.trim() });
      }
    } else if (button.dataset.outcome) {
      send(button.dataset.outcome, { id: button.dataset.id });
    } else if (button.dataset.pin) {
      const proposal = (view.proposals || [])[Number(button.dataset.pin)];
      if (proposal) {
        send("pin", { text: proposal.text });
      }
    } else if (button.dataset.spotlight !== undefined) {
      send("spotlight", { id: button.dataset.spotlight });
    }
  });
  document.addEventListener("change", (event) => {
    const answer = event.target.closest("select[data-merge-answer]");
    if (answer && answer.value) {
      send("merge", { id: answer.dataset.mergeAnswer, into: answer.value });
      return;
    }
    const select = event.target.closest("select[data-merge-word]");
    if (select && select.value) {
      send("merge_word", {
        step: view.answers.step,
        word: select.dataset.mergeWord,
        into: select.value,
      });
    }
  });
  setInterval(drawClock, 500);
  listen();
})();
