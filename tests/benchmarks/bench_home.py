"""``page.home.median_ms``: the public home page against a bare Django view.

Anonymous visitors get the cached public page (see ``citizenpass/page_cache.py``);
``page.home_signed_in.median_ms`` times the same page rendered for a signed-in resident,
which is never cached.
"""


def run(bench):
    from citizenpass.accounts.models import User

    bench.record(
        "page.home.median_ms",
        bench.median_ms("/fr/"),
        "ms",
        baseline="page.minimal.median_ms",
    )
    resident = User.objects.get(email="camille.martin@demo.citizenpass.fr")
    bench.record(
        "page.home_signed_in.median_ms",
        bench.median_ms("/fr/", cookie=bench.session_cookie(resident)),
        "ms",
        baseline="page.minimal.median_ms",
    )
