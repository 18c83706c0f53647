"""``kamervragen status`` and ``stats``: who is late, who asks what.

Both read the cases from the store (``--db``) or from Tweede Kamer OData records
(``--odata FOLDER``), judge them by the answering rule on a given day, and print a table
or JSON; ``stats --plot`` also draws a chart.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kamervragen.cli._app import DbOption, app, fail, option_date
from kamervragen.cli._store import _store
from kamervragen.deadlines import (
    By,
    CaseStatus,
    CaseTimeline,
    GroupStats,
    Rule,
    assess_all,
    case_timelines,
    group_stats,
    late_list,
    load_rule,
    overall,
)
from kamervragen.deadlines.linking import load_odata
from kamervragen.deadlines.plot import plot_stats
from kamervragen.errors import KamervragenError
from kamervragen.parsing.quality import REASONS

AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Judge the cases as they stood on this day (YYYY-MM-DD). Default: today,"
        " or with --odata the day the records were taken.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]
OdataOption = Annotated[
    Path | None,
    typer.Option(
        "--odata",
        help="Read the cases from Tweede Kamer OData records in this folder"
        " (zaak-schriftelijke-vragen.jsonl.gz, document-kamervragen.json) instead of --db.",
        show_default=False,
    ),
]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        help="Only sets submitted on or after YYYY-MM-DD. With --odata the default is the"
        " first day the answer records cover.",
        show_default=False,
    ),
]
ToOption = Annotated[
    str | None,
    typer.Option("--to", help="Only sets submitted on or before YYYY-MM-DD.", show_default=False),
]
RuleOption = Annotated[
    str, typer.Option("--rule", help="The answering rule, by name (see rules.json).")
]


def _load(
    db: str | None,
    odata: Path | None,
    as_of: str | None,
    date_from: str | None,
    date_to: str | None,
    rule_name: str,
) -> tuple[list[CaseStatus], Rule, dt.date]:
    """The cases, judged on the day asked, and the rule and day used."""
    day = option_date(as_of, "--as-of")
    start, end = option_date(date_from, "--from"), option_date(date_to, "--to")
    try:
        rule = load_rule(rule_name)
        cases: list[CaseTimeline]
        if odata is not None:
            linked = load_odata(odata)
            for line in linked.report.lines():
                print(f"kamervragen: {line.strip()}", file=sys.stderr)
            day = day or linked.report.snapshot or dt.date.today()
            start = start or linked.report.coverage_from
            cases = linked.cases
        else:
            with _store(db) as store:
                cases = case_timelines(store)
    except KamervragenError as exc:
        fail(str(exc))
    day = day or dt.date.today()
    cases = [
        c
        for c in cases
        if c.submitted is None
        or ((start is None or c.submitted >= start) and (end is None or c.submitted <= end))
    ]
    return assess_all(cases, rule, day), rule, day


def _askers(s: CaseStatus) -> str:
    return "; ".join(f"{m.name} ({m.party})" if m.party else m.name for m in s.case.askers)


def _ministries(s: CaseStatus) -> str:
    return "; ".join(sorted({m.ministry for m in s.by_ministry} or set(s.case.asked)))


@app.command()
def status(
    late: Annotated[
        bool, typer.Option("--late", help="Only the late list: open sets past their due date.")
    ] = False,
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
    odata: OdataOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    rule_name: RuleOption = "tweede-kamer",
) -> None:
    """Each set's deadline and status: open, postponed, overdue, answered on time or late.

    An answer is due three weeks after submission, six after a postponement notice sent
    in time (the Tweede Kamer's rule; --rule for another).

    Example: kamervragen status --late
    """
    statuses, rule, day = _load(db, odata, as_of, date_from, date_to, rule_name)
    if late:
        entries = late_list(statuses)
        if as_json:
            rows: list[dict[str, Any]] = [e.to_dict() for e in entries]
            sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
            return
        console = Console()
        console.print(f"{len(entries)} sets late on {day} ({rule.name}; * postponed)")
        if not entries:
            return
        table = Table(box=box.SIMPLE_HEAD)
        for column in ("case", "submitted", "due", "days late"):
            table.add_column(column, no_wrap=True)
        for column in ("ministry", "asked by", "about"):
            table.add_column(column)
        for e in entries:
            s = e.status
            table.add_row(
                escape(s.case.zaak or s.case.key),
                str(s.case.submitted),
                f"{s.due}{'*' if s.postponed else ''}",
                f"{s.days_late}{' new' if e.new_this_week else ''}",
                escape(_ministries(s)),
                escape(_askers(s)),
                escape((s.case.subject or "")[:60]),
            )
        console.print(table)
        return
    if as_json:
        rows = [s.to_dict() for s in statuses]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    console = Console()
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s.status.value] = counts.get(s.status.value, 0) + 1
    console.print(
        f"{len(statuses)} sets on {day} ({rule.name}; * after a postponement): "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    table = Table(box=box.SIMPLE_HEAD)
    for column in ("case", "submitted", "due", "answered", "days", "status"):
        table.add_column(column, no_wrap=True)
    table.add_column("ministry")
    for s in statuses:
        table.add_row(
            escape(s.case.zaak or s.case.key),
            str(s.case.submitted or "-"),
            str(s.due or "-"),
            str(s.answered or "-"),
            "-" if s.days is None else str(s.days),
            s.status.value + ("*" if s.postponed and s.status.is_answered else ""),
            escape(_ministries(s)),
        )
    console.print(table)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _days(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


# What stats can count: the groups of the answering times, and the stored documents'
# quality flags.
StatsBy = StrEnum("StatsBy", [*(b.value for b in By), "quality"])  # type: ignore[misc]


def _print_quality(db: str | None, as_json: bool) -> None:
    """How many stored documents failed each quality check."""
    with _store(db) as store:
        counts = store.quality_counts()
        total = store.counts()["documents"]
    flagged = counts.pop("", 0)
    unchecked = counts.pop("unchecked", 0)
    if as_json:
        out = {"documents": total, "flagged": flagged, "unchecked": unchecked}
        out["checks"] = {flag: counts.get(flag, 0) for flag in REASONS}
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(box=box.SIMPLE, title=f"{flagged} of {total} documents may be incomplete")
    table.add_column("check")
    table.add_column("documents", justify="right")
    table.add_column("reason")
    for flag, reason in REASONS.items():
        table.add_row(flag, str(counts.get(flag, 0)), reason)
    Console().print(table)
    if unchecked:
        print(
            f"kamervragen: {unchecked} documents stored before the checks existed", file=sys.stderr
        )


@app.command()
def stats(
    by: Annotated[
        StatsBy,
        typer.Argument(
            help="Group by ministry, minister, party, member, year or month; or count the "
            "stored documents per failed quality check (quality)."
        ),
    ],
    as_of: AsOfOption = None,
    as_json: JsonOption = False,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot", help="Also draw a chart to FILE.png or FILE.svg.", show_default=False
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Groups in the chart (largest first).")] = 25,
    db: DbOption = None,
    odata: OdataOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    rule_name: RuleOption = "tweede-kamer",
) -> None:
    """Sets, median and 90th-percentile days to answer, share on time and share over six
    weeks, per ministry, answering minister, party, member, year or month of submission;
    or, with "quality", how many stored documents failed each quality check.

    Example: kamervragen stats ministry --plot ministeries.png
    Example: kamervragen stats quality --json
    """
    if by.value == "quality":
        if plot is not None or odata is not None:
            fail("stats quality counts the store's documents: no --plot or --odata")
        _print_quality(db, as_json)
        return
    by = By(by.value)
    statuses, rule, day = _load(db, odata, as_of, date_from, date_to, rule_name)
    rows = group_stats(statuses, by, rule)
    total = overall(statuses, rule)
    if plot is not None:
        source = "Tweede Kamer OData" if odata else "store"
        title = f"Days to answer and share on time by {by.value} ({source}, as of {day})"
        try:
            plot_stats(rows, rule, plot, title, limit=limit)
        except KamervragenError as exc:
            fail(str(exc))
        print(f"kamervragen: chart written to {plot}", file=sys.stderr)
    if as_json:
        out = {
            "by": by.value,
            "as_of": day.isoformat(),
            "rule": rule.name,
            "overall": total.to_dict(),
            "groups": [r.to_dict() for r in rows],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return
    _print_stats(rows, total, by, day, rule)


def _print_stats(
    rows: list[GroupStats], total: GroupStats, by: By, day: dt.date, rule: Rule
) -> None:
    table = Table(
        title=f"by {by.value}, as of {day} ({rule.name})", box=box.SIMPLE_HEAD, padding=(0, 1)
    )
    longest = max((len(r.group) for r in rows), default=5)
    table.add_column(by.value, min_width=min(longest, 20))
    for column in ("sets", "answ", "open", "overdue", "median", "p90", "on time", ">6 wk"):
        table.add_column(column, justify="right", no_wrap=True)
    for r in [*rows, total]:
        table.add_row(
            escape(r.group),
            str(r.sets),
            str(r.answered),
            str(r.open),
            str(r.overdue),
            _days(r.median_days),
            _days(r.p90_days),
            _share(r.on_time_share),
            _share(r.over_six_weeks_share),
            end_section=r is rows[-1] if rows else False,
        )
    Console().print(table)
