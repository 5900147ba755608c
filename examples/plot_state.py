"""One state's stance on each issue over time, with the evidence behind it.
Months whose evidence is older than 12 months are shaded as stale.

    python examples/plot_state.py [ISO3] [OUT.png]
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import stances  # noqa: E402
from stances.models.panel import STALE_MONTHS  # noqa: E402
from stances.models.vocab import SCALE  # noqa: E402


def main(state="KAZ", out=None):
    out = out or f"{state.lower()}_stances.png"  # never over a README picture
    panel = stances.load("panel")
    rows = panel[panel.actor_id == state]
    fig, axes = plt.subplots(3, 1, figsize=(11, 7), sharex=True)
    for ax, (issue, labels) in zip(axes, SCALE.items()):
        series = rows[rows.issue == issue]
        ax.step(series.month, series.score.astype("float"), where="post", linewidth=2)
        changes = series[series.n_observations > 0]
        ax.scatter(changes.month, changes.score.astype("float"), s=18, zorder=3)
        stale = series.months_since > STALE_MONTHS
        for month in series.month[stale.fillna(False)]:
            ax.axvspan(month, month + series.month.diff().median(), color="#dddddd",
                       linewidth=0, zorder=0)
        ax.set_yticks(list(labels.values()), list(labels))
        ax.set_ylim(-2.4, 2.4)
        ax.set_ylabel(issue)
        ax.axhline(0, color="#cccccc", linewidth=0.8)
    axes[0].set_title(f"{rows['name'].iloc[0]}: prevailing stance by month (dots: new "
                      f"evidence; grey: evidence older than {STALE_MONTHS} months)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
