"""Fixtures of the public-site tests."""

import pytest

from tests.cms.public_site import PublicSite, build_public_site


@pytest.fixture
def public_site(db) -> PublicSite:
    """Home, services, a guide and news in both languages, with the search index built."""
    return build_public_site()
