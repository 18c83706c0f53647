"""How well the quality flags tell wrong records from right ones, on labelled documents.

For every document with a gold record (``NAME.gold.json`` beside it, or in ``--gold``),
the document is parsed whole and cut short (at a third, a half and two thirds of its
characters, as a download or extraction that stopped would leave it). Each record is
compared with the gold of the whole document by the corpus's scorer
(``score_parse.py``'s ``score_doc``: a record is right when every field is); a record is
flagged when its ``quality`` is not empty. Prints, for the whole documents and the cut
ones: how many wrong records are flagged (the aim: 90% or more) and how many right ones
are (the aim: 5% or fewer), and each whole document's flags.

    python bench/quality.py --scorer ../shared/tools/score_parse.py \\
        --set tests/data/dev --set ../shared/corpus/unlabelled:labels/primary
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path
from types import ModuleType

from kamervragen import ParseError, parse_text
from kamervragen.readers import read_path

CUTS = (1 / 3, 1 / 2, 2 / 3)


def _scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_parse", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pairs(spec: str) -> list[tuple[Path, Path]]:
    """``DOCS`` or ``DOCS:GOLD``: (document, gold file) for every gold file."""
    docs, _, gold = spec.partition(":")
    gold_dir = Path(gold or docs)
    return [
        (Path(docs) / g.name[: -len(".gold.json")], g) for g in sorted(gold_dir.glob("*.gold.json"))
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--scorer", type=Path, required=True, help="the corpus's score_parse.py")
    ap.add_argument("--set", action="append", required=True, help="DOCS or DOCS:GOLD")
    ap.add_argument("--missed", action="store_true", help="list the wrong records not flagged")
    a = ap.parse_args()
    scorer = _scorer(a.scorer)
    counts = {kind: {"wrong": 0, "wrong_flagged": 0, "right": 0, "right_flagged": 0}
              for kind in ("whole", "cut")}  # fmt: skip
    for spec in a.set:
        for doc, gold_file in _pairs(spec):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            text = "\n".join(line.text for line in read_path(doc).lines)
            variants = [("whole", text)] + [("cut", text[: int(len(text) * c)]) for c in CUTS]
            for kind, variant in variants:
                try:
                    record = parse_text(variant).to_dict()
                except ParseError:
                    continue  # refused: nothing stored, nothing to flag
                fields = scorer.score_doc(gold, record)["fields"]
                wrong = not all(fields.values())
                flagged = bool(record["quality"])
                c = counts[kind]
                c["wrong" if wrong else "right"] += 1
                c[("wrong" if wrong else "right") + "_flagged"] += flagged
                if a.missed and wrong and not flagged:
                    bad = [f for f, ok in fields.items() if not ok]
                    print(f"missed {kind} {len(variant)}/{len(text)} {doc.name[:60]}: {bad}")
                if kind == "whole":
                    state = "WRONG" if wrong else "right"
                    print(f"{state} {doc.name[:70]:<70} {' '.join(record['quality']) or '-'}")
    for kind, c in counts.items():
        wrong, right = c["wrong"], c["right"]
        print(
            f"{kind:<6} wrong records flagged {c['wrong_flagged']}/{wrong}"
            f" ({c['wrong_flagged'] / wrong:.0%})"
            if wrong
            else f"{kind:<6} no wrong records",
            end="; ",
        )
        print(
            f"right records flagged {c['right_flagged']}/{right} ({c['right_flagged'] / right:.0%})"
            if right
            else "no right records"
        )


if __name__ == "__main__":
    main()
