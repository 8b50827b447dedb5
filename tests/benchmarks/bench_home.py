"""``page.home.median_ms``: the public home page against a bare Django view."""


def run(bench):
    bench.record(
        "page.home.median_ms",
        bench.median_ms("/fr/"),
        "ms",
        baseline="page.minimal.median_ms",
    )
