"""Article texts whose second version changes a watched country's rate (Vietnam: a threatened
46%, then a 20% deal), shared by the alert tests of the pipeline and of the command line."""

THREAT = (
    "<p>Washington | The United States will impose a 46% tariff on goods from Vietnam from "
    "9 April, the White House said.</p>"
)
DEAL = (
    "<p>Hanoi | Vietnam agreed a trade deal with the United States on Wednesday that sets a 20% "
    "tariff on Vietnamese exports from 1 August.</p>"
)
CHANGE = "Tariff Vietnam: 46% threatened \u2192 20% agreed (Trade desk)"
"""The alert line the change gives, for a feed titled "Trade desk"."""
