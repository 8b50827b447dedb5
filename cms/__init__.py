"""Editorial pages managed in Wagtail: home, catalogue, guides, news, standard pages."""
