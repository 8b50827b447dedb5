"""The public search form: words, commune, theme, life stage."""

from django import forms
from django.utils.translation import gettext_lazy as _

from citizenpass.organisations.models import Organisation
from cms.search.selectors import SearchFilters
from services.catalogue.models import LifeStage, Theme


class SearchForm(forms.Form):
    """Search words and filters, read from the query string."""

    q = forms.CharField(
        label=_("Search words"),
        required=False,
        max_length=200,
        help_text=_("For example: canteen, transit pass, birth certificate."),
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COMMUNE).order_by(
            "name"
        ),
        required=False,
        empty_label=_("All communes"),
        to_field_name="slug",
    )
    theme = forms.ChoiceField(
        label=_("Theme"),
        choices=[("", _("All themes")), *Theme.choices],
        required=False,
    )
    life_stage = forms.ChoiceField(
        label=_("Life stage"),
        choices=[("", _("All life stages")), *LifeStage.choices],
        required=False,
    )

    def filters(self) -> SearchFilters:
        """The valid part of the form as search filters (an invalid filter is ignored)."""
        self.is_valid()
        data = self.cleaned_data
        commune = data.get("commune")
        return SearchFilters(
            text=data.get("q", ""),
            commune_code=commune.insee_code if commune else "",
            theme=data.get("theme", ""),
            life_stage=data.get("life_stage", ""),
        )
