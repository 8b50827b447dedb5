"""HTTP hardening of the whole site: content security policy and caching headers."""
