/* kerne: what the participant page's script does for each step kind (ES2017, no libraries).
 *
 * One entry per kind that takes input, keyed by the kind as the form names it (data-kind):
 * the payload its form sends to the API (docs/api.md, the table under "POST"), and where the
 * kind has them, what the page adds to its form once (enhance) and keeps up to date while it
 * is filled in (update). The form's field names are the server's (kerne_tui/web/kinds.py):
 * they are read from the form's data-field-<role> attributes, never spelled here.
 */
(function () {
  "use strict";

  function slice(list) {
    return Array.prototype.slice.call(list);
  }

  function fieldName(form, role) {
    return form.getAttribute("data-field-" + role) || "";
  }

  function valueOf(form, role) {
    var name = fieldName(form, role);
    var found = name ? form.elements.namedItem(name) : null;
    return found ? found.value : "";
  }

  /* The fields named <prefix><key> of a role ("dot:" + option id, say), with their keys. */
  function keyed(form, role, selector) {
    var prefix = fieldName(form, role);
    if (!prefix) {
      return [];
    }
    return slice(form.querySelectorAll(selector + '[name^="' + prefix + '"]')).map(function (field) {
      return { field: field, key: field.name.slice(prefix.length) };
    });
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? String(values[name]) : whole;
    });
  }

  /* --- text and sentence: a counter against the step's limit --------------------------- */

  function textPayload(form) {
    return { text: valueOf(form, "text") };
  }

  function updateCounter(form) {
    var counter = form.querySelector("#counter");
    var field = form.elements.namedItem(fieldName(form, "text"));
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

  /* --- vote: dots left, and - and + buttons beside each number --------------------------- */

  function dotInputs(form) {
    return keyed(form, "dot", "input").map(function (entry) {
      return entry.field;
    });
  }

  function votePayload(form) {
    var dots = {};
    keyed(form, "dot", "input").forEach(function (entry) {
      var count = parseInt(entry.field.value, 10);
      if (count) {
        dots[entry.key] = count;
      }
    });
    return { dots: dots };
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

  function stepperButton(delta, label, text, secondary) {
    var button = document.createElement("button");
    button.setAttribute("type", "button");
    if (secondary) {
      button.setAttribute("class", "secondary");
    }
    button.setAttribute("data-delta", delta);
    button.setAttribute("aria-label", label);
    button.textContent = text;
    return button;
  }

  function addSteppers(form) {
    dotInputs(form).forEach(function (input) {
      var stepper = document.createElement("div");
      stepper.setAttribute("class", "stepper");
      var minus = stepperButton("-1", input.getAttribute("data-remove-label"), "\u2212", true);
      var plus = stepperButton("1", input.getAttribute("data-add-label"), "+", false);
      input.parentNode.insertBefore(stepper, input);
      stepper.appendChild(minus);
      stepper.appendChild(input);
      stepper.appendChild(plus);
    });
  }

  /* --- scale, choice --------------------------------------------------------------------- */

  function scalePayload(form) {
    var values = {};
    keyed(form, "value", "input").forEach(function (entry) {
      if (entry.field.checked) {
        values[entry.key] = parseInt(entry.field.value, 10);
      }
    });
    return { values: values };
  }

  function choicePayload(form) {
    var name = fieldName(form, "choice");
    var boxes = name ? form.querySelectorAll('input[name="' + name + '"]') : [];
    return {
      choices: slice(boxes)
        .filter(function (input) {
          return input.checked;
        })
        .map(function (input) {
          return input.value;
        }),
    };
  }

  /* --- rank: an option can take one place only ------------------------------------------- */

  function rankSelects(form) {
    return keyed(form, "place", "select").map(function (entry) {
      return entry.field;
    });
  }

  function rankPayload(form) {
    var ranking = [];
    rankSelects(form).forEach(function (select) {
      if (select.value) {
        ranking.push(select.value);
      }
    });
    return { ranking: ranking };
  }

  /* Hide a chosen option from the other places. */
  function updateRanking(form) {
    var selects = rankSelects(form);
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

  /* --- words: one field per word; the empty ones are left out ------------------------- */

  function wordsPayload(form) {
    var name = fieldName(form, "word");
    var fields = name ? form.querySelectorAll('input[name="' + name + '"]') : [];
    return {
      words: slice(fields)
        .map(function (input) {
          return input.value.trim();
        })
        .filter(function (word) {
          return word !== "";
        }),
    };
  }

  /* --- points: a number per option, "points left" as you go ------------------------------ */

  function pointsPayload(form) {
    var points = {};
    keyed(form, "points", "input").forEach(function (entry) {
      var count = parseInt(entry.field.value, 10);
      if (count) {
        points[entry.key] = count;
      }
    });
    return { points: points };
  }

  function updatePoints(form) {
    var left = form.querySelector("#points-left");
    if (!left) {
      return;
    }
    var total = Number(left.getAttribute("data-total"));
    var used = keyed(form, "points", "input").reduce(function (sum, entry) {
      return sum + Math.max(0, parseInt(entry.field.value, 10) || 0);
    }, 0);
    var remaining = total - used;
    var text = fill(left.getAttribute("data-template"), { n: remaining, total: total });
    if (left.textContent !== text) {
      left.textContent = text;
    }
    left.classList.toggle("over", remaining < 0);
  }

  /* --- matrix: each option's place on the two axes ------------------------------------- */

  function matrixPayload(form) {
    var placements = {};
    function take(role, index) {
      keyed(form, role, "input").forEach(function (entry) {
        if (entry.field.checked) {
          var place = placements[entry.key] || [null, null];
          place[index] = parseInt(entry.field.value, 10);
          placements[entry.key] = place;
        }
      });
    }
    take("x", 0);
    take("y", 1);
    return { placements: placements };
  }

  /* --- review: a status for each agreement from the day, and maybe a comment ------------ */

  function reviewPayload(form) {
    var statuses = {};
    var comments = {};
    keyed(form, "status", "input").forEach(function (entry) {
      if (entry.field.checked) {
        statuses[entry.key] = entry.field.value;
      }
    });
    keyed(form, "comment", "input").forEach(function (entry) {
      if (entry.field.value.trim()) {
        comments[entry.key] = entry.field.value;
      }
    });
    return { statuses: statuses, comments: comments };
  }

  /* --- the table ------------------------------------------------------------------------- */

  function nothing() {}

  function entry(payload, update, enhance) {
    return { payload: payload, update: update || nothing, enhance: enhance || nothing };
  }

  var KINDS = {
    text: entry(textPayload, updateCounter),
    sentence: entry(textPayload, updateCounter),
    vote: entry(votePayload, updateDots, addSteppers),
    scale: entry(scalePayload),
    choice: entry(choicePayload),
    rank: entry(rankPayload, updateRanking),
    words: entry(wordsPayload),
    questions: entry(textPayload),
    points: entry(pointsPayload, updatePoints),
    matrix: entry(matrixPayload),
    review: entry(reviewPayload),
    actions: entry(function (form) {
      return {
        what: valueOf(form, "what"),
        who: valueOf(form, "who"),
        when: valueOf(form, "when"),
        evidence: valueOf(form, "evidence"),
      };
    }),
  };
  var NO_INPUT = entry(function () {
    return {};
  });

  window.kerne = window.kerne || {};
  window.kerne.fill = fill;
  /* The entry for the kind of *form* (a form of a kind without one sends nothing). */
  window.kerne.kindOf = function (form) {
    return KINDS[form.getAttribute("data-kind")] || NO_INPUT;
  };
})();
