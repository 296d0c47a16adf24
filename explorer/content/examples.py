"""Default and example sentences per task, with a reference translation for forced decoding."""

from __future__ import annotations

EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "dates": [
        ("Tuesday, March 5, 2024", "2024-03-05"),
        ("5 mars 2024", "2024-03-05"),
        ("2024년 3월 5일 화요일", "2024-03-05"),
        ("Dienstag, 5. März 2024", "2024-03-05"),
        ("17/08/1999", "1999-08-17"),
        ("the 4th of July, 1776", "1776-07-04"),
        ("le 14 juillet 1789", "1789-07-14"),
        ("2026-12-24", "2026-12-24"),  # already ISO 8601: copied
    ],
    "fra-eng": [
        ("i am not afraid of the dark.", "je n'ai pas peur du noir."),
        ("the cat is sleeping on the bed.", "le chat dort sur le lit."),
        ("she likes to read books.", "elle aime lire des livres."),
        ("we have to leave now.", "nous devons partir maintenant."),
        ("where is the train station?", "où est la gare ?"),
        ("i think that tom is right.", "je pense que tom a raison."),
    ],
}


# Examples labelled by what they show (string key of the label, sentence, reference), for a
# lesson or a demonstration; the shipped models' outputs on them are in tests/test_examples.py.
TELLING: dict[str, list[tuple[str, str, str]]] = {
    "fra-eng": [
        ("example_reorder", "i have a red car .", "j'ai une voiture rouge."),
        (
            "example_dropped",
            "could you tell me where the nearest station is ?",
            "pourriez-vous me dire où est la gare la plus proche ?",
        ),
        (
            "example_bottleneck",
            "the children were playing in the garden when it started to rain .",
            "les enfants jouaient dans le jardin quand il s'est mis à pleuvoir.",
        ),
    ],
    "dates": [
        ("example_month_letters", "Tuesday, March 5, 2024", "2024-03-05"),
        ("example_day_first", "05/03/2024", "2024-03-05"),
        ("example_iso_copied", "2026-12-24", "2026-12-24"),
    ],
}


def default_sentence(task: str) -> str:
    return EXAMPLES[task][0][0] if EXAMPLES.get(task) else ""


def reference_for(task: str, sentence: str) -> str:
    """The reference of a known example, else ""."""
    known = EXAMPLES.get(task, []) + [(src, ref) for _, src, ref in TELLING.get(task, [])]
    return next((ref for src, ref in known if src == sentence), "")
