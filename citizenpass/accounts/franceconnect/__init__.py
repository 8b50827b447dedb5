"""FranceConnect v2 as an allauth provider on the OpenID Connect base."""
