"""allauth adapter: our two-factor stage after the password, re-authentication always."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Adds the django-otp login stage after allauth's own stages."""

    def get_login_stages(self) -> list[str]:
        return [
            *super().get_login_stages(),
            "citizenpass.accounts.login_stage.TwoFactorStage",
        ]

    def get_logout_redirect_url(self, request):
        """After a FranceConnect sign-in, sign out at FranceConnect too."""
        from citizenpass.accounts.franceconnect.views import (
            ID_TOKEN_SESSION_KEY,
            end_session_url,
        )

        id_token = request.session.get(ID_TOKEN_SESSION_KEY)
        if id_token:
            url = end_session_url(request, id_token)
            if url:
                return url
        return super().get_logout_redirect_url(request)
