"""Catalog entries for the names of the step kinds: key -> (Danish, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "kind.info": ("Information", "Information"),
    "kind.discuss": ("Drøftelse", "Discussion"),
    "kind.text": ("Tekst", "Text"),
    "kind.sentence": ("Én sætning", "One sentence"),
    "kind.vote": ("Prikafstemning", "Dot vote"),
    "kind.scale": ("Skala 1-5", "Scale 1-5"),
    "kind.choice": ("Valg", "Choice"),
    "kind.rank": ("Rangering", "Ranking"),
    "kind.actions": ("Handlinger", "Actions"),
    "kind.review": ("Gennemgang af aftaler", "Review of agreements"),
}
