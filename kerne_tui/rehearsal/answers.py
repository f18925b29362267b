"""What a simulated phone answers to a step, and when: pure choices from seeded randomness.

The room has a shared character (:class:`Crowd`): which phones sit a step out, which proposals
are popular, where a scale statement tends to land. Each phone adds its own noise on top, so the
results look like a real room's: clustered but not unanimous, with a spread on every scale.
Everything here works on the step as the API describes it (``GET /api/<code>/state``).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from kerne_tui.rehearsal.samples import ALL_THEMES

INPUT_KINDS: Final = frozenset(
    {
        "text",
        "sentence",
        "vote",
        "scale",
        "choice",
        "rank",
        "actions",
        "review",
        "points",
        "matrix",
        "words",
        "questions",
    }
)
REVIEW_STATUSES: Final = ("done", "under_way", "not_started", "dropped")
"""The statuses of a review, as the API spells them."""
COMMENT_SHARE: Final = 0.25
"""About this share of a review's statuses come with a short comment."""
ANSWER_WINDOW: Final = (0.2, 0.8)
"""Answers land between 20 % and 80 % of the time left: nobody is instant, nobody is late."""
MAX_SKIPPERS: Final = 2
"""At most this many phones sit out an input step (none in a room of fewer than four)."""
TWICE_SHARE: Final = 0.3
"""About this share of the phones send a second answer where a step allows several."""
ASK_SHARE: Final = 0.4
"""About this share of the phones ask a question of their own; the others only upvote."""
PARK_SHARE: Final = 0.25
"""About this share of the phones park a question at some point in the day."""
UPVOTE: Final = ""
"""An upvote whose question is chosen when it is sent (the list grows while the step runs)."""
Payload = dict[str, Any]

# Words in a step's id or title that say what kind of answer fits (Danish and English plans).
_THEME_WORDS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("checkout", ("tjek-ud", "check-out", "checkout")),
    ("parking", ("parker", "parking")),
    ("off_the_field", ("uden-for-banen", "uden for banen", "off the field", "tager tid")),
    ("missing", ("mangler", "missing", "stå inde", "stand behind")),
    (
        "ideas",
        ("greb", "handl", "rutine", "synlig", "hjalp", "act on", "move", "routine", "visible"),
    ),
)


def theme_for(step: Mapping[str, Any]) -> str:
    """The sample theme that fits a text or sentence step, judged by its id and title."""
    words = f"{step.get('id', '')} {step.get('title', '')}".lower()
    for theme, markers in _THEME_WORDS:
        if theme == "missing" and step.get("kind") == "sentence":
            continue
        if any(marker in words for marker in markers):
            return theme
    return "sentence" if step.get("kind") == "sentence" else "task"


def sample_texts(theme: str, language: str) -> tuple[str, ...]:
    """The sample texts of *theme* in the workshop's language (Danish unless English)."""
    danish, english = ALL_THEMES[theme]
    return english if language == "en" else danish


def fit(text: str, limit: int) -> str:
    """*text* shortened at a word boundary to at most *limit* characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:")
    return cut or text[:limit]


@dataclass(frozen=True, slots=True)
class Crowd:
    """The shared character of a simulated room, derived from one seed."""

    participants: int
    seed: str

    def rng(self, *parts: object) -> random.Random:
        """A random source for one decision, the same for the same seed and parts."""
        return random.Random(":".join([self.seed, *(str(part) for part in parts)]))

    def skippers(self, step_id: str) -> frozenset[int]:
        """The phones that sit this step out: one or two in a room of four or more."""
        if self.participants < 4:
            return frozenset()
        rng = self.rng("skip", step_id)
        count = rng.randint(1, min(MAX_SKIPPERS, self.participants - 3))
        return frozenset(rng.sample(range(self.participants), count))

    def answers_twice(self, step_id: str, phone: int) -> bool:
        """True for the phones that send a second answer where the step allows it."""
        return self.rng("twice", step_id, phone).random() < TWICE_SHARE

    def deck(self, step_id: str, texts: Sequence[str]) -> list[str]:
        """The step's sample texts in a shuffled order, so phones mostly write different things."""
        deck = list(texts)
        self.rng("deck", step_id).shuffle(deck)
        return deck

    def popularity(self, step_id: str, option_ids: Sequence[str]) -> dict[str, float]:
        """How much the room likes each option: a few favourites and a long tail."""
        rng = self.rng("popular", step_id)
        return {option: rng.paretovariate(1.5) for option in option_ids}

    def leanings(self, step_id: str, count: int) -> list[float]:
        """Where the room's answers to each scale statement centre (between 2 and 4.4)."""
        rng = self.rng("lean", step_id)
        return [rng.uniform(2.0, 4.4) for _ in range(count)]


def plan_answers(step: Mapping[str, Any], language: str, phone: int, crowd: Crowd) -> list[Payload]:
    """The payloads one phone sends to *step*, in order; empty when it sits the step out."""
    kind = str(step.get("kind", ""))
    step_id = str(step.get("id", ""))
    if kind not in INPUT_KINDS or phone in crowd.skippers(step_id):
        return []
    rng = crowd.rng("phone", phone, step_id)
    if kind in ("text", "sentence"):
        return _texts(step, language, phone, crowd)
    if kind == "actions":
        return _actions(step, language, phone, crowd, rng)
    if kind == "words":
        return [_words(step, language, crowd, rng)]
    if kind == "questions":
        return _questions(step, language, phone, crowd, rng)
    if kind == "review":
        return _review(step, language, crowd, rng)
    options = [str(option["id"]) for option in step.get("options", ())]
    if kind == "scale":
        return [_scale(step, phone, crowd, rng)]
    if not options:
        return []
    if kind == "matrix":
        return [_matrix(step_id, options, phone, crowd, rng)]
    liked = crowd.popularity(step_id, options)
    weights = {option: liked[option] * rng.uniform(0.5, 1.5) for option in options}
    if kind == "vote":
        dots = _dots(step, weights, rng)
        return [{"dots": dots}] if dots else []
    if kind == "points":
        return [{"points": _points(int(step.get("budget", 100)), weights, rng)}]
    if kind == "choice":
        count = rng.choice((1, 1, 2, 2, 3)) if step.get("multiple") else 1
        return [{"choices": _pick(weights, min(count, len(options)), rng)}]
    top = min(int(step.get("top", 3)), len(options))
    return [{"ranking": _pick(weights, top, rng)}]


def _words(step: Mapping[str, Any], language: str, crowd: Crowd, rng: random.Random) -> Payload:
    """One to ``max_words`` mood words, the room's favourites likelier, so the cloud has peaks."""
    pool = list(sample_texts("mood_words", language))
    liked = crowd.popularity(str(step.get("id", "")), pool)
    weights = {word: liked[word] * rng.uniform(0.5, 1.5) for word in pool}
    count = rng.randint(1, max(1, min(int(step.get("max_words", 3)), 3)))
    words = _pick(weights, count, rng)
    # Now and then a word arrives in capitals: the cloud counts it with the others.
    if rng.random() < 0.2:
        words[0] = words[0].upper()
    return {"words": words}


def _questions(
    step: Mapping[str, Any], language: str, phone: int, crowd: Crowd, rng: random.Random
) -> list[Payload]:
    """Some phones ask a question; the others upvote one or two of theirs later on.

    An upvote carries the question its phone asks instead when there is nothing yet to upvote.
    """
    deck = crowd.deck(str(step.get("id", "")), sample_texts("questions", language))
    own = {"text": fit(deck[phone % len(deck)], int(step.get("max_length", 200)))}
    answers: list[Payload] = [own] if rng.random() < ASK_SHARE else []
    answers.extend({"upvote": UPVOTE, **own} for _ in range(rng.randint(1, 2)))
    return answers


def choose_upvote(
    questions: Sequence[Mapping[str, Any]], taken: set[str], rng: random.Random
) -> str | None:
    """A question to upvote when the time comes: popular ones likelier, none twice."""
    free = [q for q in questions if str(q.get("id")) not in taken and not q.get("outcome")]
    if not free:
        return None
    # A count is null while the step has too few phones to show it: then all weigh the same.
    weights = [1.0 + float(q.get("votes") or 0) for q in free]
    return str(rng.choices(free, weights=weights)[0]["id"])


def parking_item(language: str, phone: int, crowd: Crowd) -> str | None:
    """The question this phone parks during the day, if it is one that parks any."""
    if crowd.rng("park", phone).random() >= PARK_SHARE:
        return None
    deck = crowd.deck("parking", sample_texts("parking", language))
    return deck[phone % len(deck)]


def _how_many(step: Mapping[str, Any], phone: int, crowd: Crowd) -> int:
    allowed = int(step.get("max_per_person", 1))
    return 2 if allowed >= 2 and crowd.answers_twice(str(step.get("id", "")), phone) else 1


def _texts(step: Mapping[str, Any], language: str, phone: int, crowd: Crowd) -> list[Payload]:
    step_id = str(step.get("id", ""))
    deck = crowd.deck(step_id, sample_texts(theme_for(step), language))
    limit = int(step.get("max_length", 500))
    count = _how_many(step, phone, crowd)
    # A second answer comes from further down the deck, so now and then two phones write the
    # same thing: duplicates the facilitator can merge, as in a real room.
    picks = [deck[(phone + n * crowd.participants) % len(deck)] for n in range(count)]
    return [{"text": fit(text, limit)} for text in picks]


def _actions(
    step: Mapping[str, Any], language: str, phone: int, crowd: Crowd, rng: random.Random
) -> list[Payload]:
    step_id = str(step.get("id", ""))
    what = crowd.deck(step_id, sample_texts("action_what", language))
    who = sample_texts("action_who", language)
    when = sample_texts("action_when", language)
    evidence = sample_texts("action_evidence", language)
    limit = int(step.get("max_length", 500))
    answers: list[Payload] = []
    for n in range(_how_many(step, phone, crowd)):
        # Some agreements arrive without an owner or a date, which the facilitator should catch;
        # about half say how we will see that it worked.
        answer: Payload = {
            "what": fit(what[(phone + n * crowd.participants) % len(what)], limit),
            "who": rng.choice(who) if rng.random() > 0.15 else "",
            "when": rng.choice(when) if rng.random() > 0.15 else "",
        }
        if rng.random() > 0.5:
            answer["evidence"] = fit(rng.choice(evidence), limit)
        answers.append(answer)
    return answers


def _review(
    step: Mapping[str, Any], language: str, crowd: Crowd, rng: random.Random
) -> list[Payload]:
    """A status for each agreement, leaning the room's way; now and then a comment."""
    agreements = [str(a["id"]) for a in step.get("agreements", ())]
    if not agreements:
        return []
    comments = sample_texts("review_comment", language)
    limit = int(step.get("max_length", 200))
    statuses: dict[str, str] = {}
    said: dict[str, str] = {}
    for agreement in agreements:
        # The room mostly agrees on how far an agreement got; each phone adds a little doubt.
        leaning = crowd.popularity(f"{step.get('id', '')}:{agreement}", REVIEW_STATUSES)
        weights = [leaning[status] * rng.uniform(0.5, 1.5) for status in REVIEW_STATUSES]
        statuses[agreement] = rng.choices(REVIEW_STATUSES, weights=weights)[0]
        if rng.random() < COMMENT_SHARE:
            said[agreement] = fit(rng.choice(comments), limit)
    return [{"statuses": statuses, "comments": said}]


def _scale(step: Mapping[str, Any], phone: int, crowd: Crowd, rng: random.Random) -> Payload:
    statements = list(step.get("statements", ()))
    leanings = crowd.leanings(str(step.get("id", "")), len(statements))
    # A phone's general mood moves all its answers a little, as a person's does.
    mood = crowd.rng("mood", phone).gauss(0.0, 0.5)
    values = {
        str(index): max(1, min(5, round(rng.gauss(centre + mood, 0.8))))
        for index, centre in enumerate(leanings)
    }
    return {"values": values}


def _dots(step: Mapping[str, Any], weights: dict[str, float], rng: random.Random) -> dict[str, int]:
    total = int(step.get("dots", 3))
    cap = int(step.get("max_per_option") or total)
    # Now and then someone keeps a dot back, as people do.
    spend = total - 1 if total > 1 and rng.random() < 0.1 else total
    placed: dict[str, int] = {}
    for _ in range(spend):
        free = [option for option in weights if placed.get(option, 0) < cap]
        if not free:
            break
        choice = rng.choices(free, weights=[weights[option] for option in free])[0]
        placed[choice] = placed.get(choice, 0) + 1
    return placed


def _points(budget: int, weights: dict[str, float], rng: random.Random) -> dict[str, int]:
    """The budget shared out after the phone's liking: most to a favourite, little to the tail.

    Shares are rounded down and what is left goes to the largest remainders, so the points add
    up to the budget exactly; now and then someone keeps a few back, as people do.
    """
    kept = rng.randint(1, max(1, budget // 10)) if budget > 1 and rng.random() < 0.1 else 0
    spend = budget - kept
    total = sum(weights.values()) or 1.0
    exact = {option: spend * value / total for option, value in weights.items()}
    points = {option: int(share) for option, share in exact.items()}
    left = spend - sum(points.values())
    for option in sorted(exact, key=lambda o: exact[o] - points[o], reverse=True)[:left]:
        points[option] += 1
    return {option: n for option, n in points.items() if n > 0}


def _matrix(
    step_id: str, options: Sequence[str], phone: int, crowd: Crowd, rng: random.Random
) -> Payload:
    """Every option placed near where the room tends to put it, each phone a little off."""
    placements = {}
    for option in options:
        shared = crowd.rng("matrix", step_id, option)
        centre_x, centre_y = shared.uniform(1.5, 4.5), shared.uniform(1.5, 4.5)
        placements[option] = [
            max(1, min(5, round(rng.gauss(centre_x, 0.8)))),
            max(1, min(5, round(rng.gauss(centre_y, 0.8)))),
        ]
    return {"placements": placements}


def _pick(weights: Mapping[str, float], count: int, rng: random.Random) -> list[str]:
    """*count* different options, likelier ones first more often."""
    left = dict(weights)
    chosen: list[str] = []
    for _ in range(count):
        option = rng.choices(list(left), weights=list(left.values()))[0]
        chosen.append(option)
        del left[option]
    return chosen


def answer_delays(count: int, seconds_left: float, rng: random.Random) -> list[float]:
    """When to send each of *count* answers, in seconds from now, within the answer window."""
    low, high = ANSWER_WINDOW
    span = max(0.0, seconds_left)
    return sorted(rng.uniform(low, high) * span for _ in range(count))
