"""allauth adapter: our two-factor stage after the password, re-authentication always."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Adds the django-otp login stage after allauth's own stages."""

    def get_login_stages(self) -> list[str]:
        return [
            *super().get_login_stages(),
            "citizenpass.accounts.login_stage.TwoFactorStage",
        ]
