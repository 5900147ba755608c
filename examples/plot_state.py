"""One state's score on each issue over time, with the evidence behind it.

    python examples/plot_state.py [ISO3] [OUT.png]
"""

import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import stances  # noqa: E402


def main(state="KAZ", out="docs/img/kazakhstan.png"):
    panel = stances.load("panel")
    name = stances.load("actors").set_index("actor_id").loc[state, "name"]
    rows = panel[panel.actor_id == state]
    fig, ax = plt.subplots(figsize=(11, 4))
    for offset, (issue, series) in zip((-0.06, 0, 0.06), rows.groupby("issue", observed=True)):
        ax.step(series.month, series.score.astype("float") + offset, where="post",
                label=issue, linewidth=2)
        changes = series[series.n_observations > 0]
        ax.scatter(changes.month, changes.score.astype("float") + offset, s=18)
    ax.set_yticks(range(-2, 3), ["-2 with Russia", "-1", "0 neutral", "+1", "+2 against"])
    ax.set_ylim(-2.4, 2.4)
    ax.axhline(0, color="#cccccc", linewidth=0.8)
    ax.legend(loc="upper right")
    ax.set_title(f"{name}: prevailing stance by month (dots: months with new evidence)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:])
