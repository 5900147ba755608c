"""Per issue, the share of states in each stance by month (missing included);
the dashed line is the share whose evidence is older than 12 months.

    python examples/plot_stance_shares.py [OUT.png]
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import stances  # noqa: E402
from stances.models.panel import STALE_MONTHS  # noqa: E402
from stances.models.vocab import SCALE  # noqa: E402

COLOURS = ["#b2182b", "#ef8a62", "#e0e0e0", "#67a9cf", "#2166ac"]  # -2 .. +2


def main(out="stance_shares.png"):  # never over a README picture
    panel = stances.load("panel")
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5), sharey=True)
    for ax, (issue, labels) in zip(axes, SCALE.items()):
        rows = panel[panel.issue == issue]
        shares = (rows.assign(stance=rows.stance.astype("str").where(rows.stance.notna(),
                                                                     "missing"))
                  .groupby(["month", "stance"]).size().unstack(fill_value=0))
        shares = shares.div(shares.sum(axis=1), axis=0)
        order = [s for s in labels if s in shares] + ["missing"]
        colours = [COLOURS[labels[s] + 2] for s in order[:-1]] + ["#ffffff"]
        ax.stackplot(shares.index, *[shares[s] for s in order], labels=order,
                     colors=colours, edgecolor="#999999", linewidth=0.2)
        stale = (rows.months_since > STALE_MONTHS).fillna(False).groupby(rows.month).mean()
        ax.plot(stale.index, stale.to_numpy(), color="black", linestyle="--",
                linewidth=1, label=f"stale (> {STALE_MONTHS} months)")
        ax.set_title(issue)
        ax.legend(loc="lower left", fontsize=7, framealpha=0.9)
    axes[0].set_ylabel("share of states")
    fig.suptitle(f"Stances of {panel.actor_id.nunique()} states by month "
                 f"(stances {panel.attrs['stances_version']}; white: no evidence)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
