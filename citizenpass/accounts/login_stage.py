"""The allauth login stage that asks for the second factor after the password."""

from allauth.account.stages import LoginStage
from allauth.core.internal.httpkit import headed_redirect_response

from citizenpass.accounts import two_factor


class TwoFactorStage(LoginStage):
    """Ask a person with two-factor on for an app code or a backup code."""

    key = "citizenpass_two_factor"
    urlname = "account_two_factor_authenticate"

    def handle(self):
        user = self.login.user
        if user is not None and two_factor.has_two_factor(user):
            return headed_redirect_response(self.urlname), True
        return None, True
