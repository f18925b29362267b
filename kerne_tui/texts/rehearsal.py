"""Catalog entries for the rehearsal area: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "rehearsal.notice": (
        "Øvelse: {count} simulerede telefoner deltager. De svarer af sig selv, når du åbner et "
        "trin, og sessionsfilen er markeret som øvelse.",
        "Rehearsal: {count} simulated phones take part. They answer by themselves when you open "
        "a step, and the session file is marked as a rehearsal.",
    ),
    "rehearsal.notice.one": (
        "Øvelse: 1 simuleret telefon deltager. Den svarer af sig selv, når du åbner et "
        "trin, og sessionsfilen er markeret som øvelse.",
        "Rehearsal: 1 simulated phone takes part. It answers by itself when you open "
        "a step, and the session file is marked as a rehearsal.",
    ),
}
