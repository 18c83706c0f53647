"""A chart of the statistics: days to answer and share on time, one row per group.

Left, the median days to answer (bar) and the 90th percentile (mark), against the rule's
three and six weeks; right, the share answered on time. Written as PNG or SVG, by the
file's suffix, with matplotlib's non-interactive backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kamervragen.deadlines.rules import Rule
from kamervragen.deadlines.stats import GroupStats
from kamervragen.errors import KamervragenError
from kamervragen.extras import require

FORMATS = (".png", ".svg")
# The chart's words: English for the command line, Dutch for the website.
WORDS = {
    "en": {
        "median": "median days",
        "p90": "90th percentile",
        "days": "{n} days",
        "postponed": "{n} days (postponed)",
        "days_axis": "days from submission to answer",
        "share_axis": "% answered on time",
    },
    "nl": {
        "median": "mediaan (dagen)",
        "p90": "90e percentiel",
        "days": "{n} dagen",
        "postponed": "{n} dagen (na uitstel)",
        "days_axis": "dagen van indiening tot antwoord",
        "share_axis": "% op tijd beantwoord",
    },
}


def plot_stats(
    rows: Sequence[GroupStats],
    rule: Rule,
    out: str | Path,
    title: str,
    limit: int = 25,
    language: str = "en",
) -> Path:
    """Draw ``rows`` (at most ``limit``, in their order) to ``out``; return the path.
    ``language`` ("en" or "nl") chooses the words of the legend and axes."""
    words = WORDS.get(language, WORDS["en"])
    out = Path(out)
    if out.suffix.lower() not in FORMATS:
        raise KamervragenError(f"{out}: can only plot to .png or .svg")
    shown = [r for r in rows if r.sets][:limit]
    if not shown:
        raise KamervragenError("nothing to plot: no sets with a known status")

    require("plot", purpose="a chart (stats --plot)")
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    labels = [f"{r.group} ({r.sets})" for r in shown]
    y = list(range(len(shown)))[::-1]
    height = max(2.5, 0.38 * len(shown) + 1.8)
    fig, (days_ax, share_ax) = plt.subplots(
        1, 2, figsize=(11, height), sharey=True, gridspec_kw={"width_ratios": [3, 2]}
    )
    medians = [r.median_days or 0 for r in shown]
    days_ax.barh(y, medians, color="#4c72b0", label=words["median"])
    p90 = [(yy, r.p90_days) for yy, r in zip(y, shown, strict=True) if r.p90_days is not None]
    if p90:
        days_ax.scatter(
            [v for _, v in p90],
            [yy for yy, _ in p90],
            marker="|",
            s=160,
            color="#222222",
            label=words["p90"],
            zorder=3,
        )
    days_ax.axvline(
        rule.answer_days,
        color="#55a868",
        ls="--",
        lw=1,
        label=words["days"].format(n=rule.answer_days),
    )
    days_ax.axvline(
        rule.postponed_days,
        color="#c44e52",
        ls="--",
        lw=1,
        label=words["postponed"].format(n=rule.postponed_days),
    )
    days_ax.set_yticks(y, labels)
    days_ax.set_xlabel(words["days_axis"])
    days_ax.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=4, fontsize=8, frameon=False
    )
    shares = [100 * (r.on_time_share or 0) for r in shown]
    share_ax.barh(y, shares, color="#55a868")
    share_ax.set_xlim(0, 100)
    share_ax.set_xlabel(words["share_axis"])
    for yy, r, share in zip(y, shown, shares, strict=True):
        if r.on_time_share is not None:
            share_ax.text(min(share + 1, 88), yy, f"{share:.0f}%", va="center", fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        fig.savefig(out, dpi=110, bbox_inches="tight")
    except OSError as exc:
        raise KamervragenError(f"{out}: cannot write: {exc.strerror}") from None
    finally:
        plt.close(fig)
    return out
