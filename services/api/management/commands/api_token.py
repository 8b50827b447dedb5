"""``manage.py api_token create|revoke|list``: tokens of an organisation's systems."""

from django.core.management.base import BaseCommand, CommandError

from citizenpass.organisations.models import Organisation
from services.api.actions import create_token, revoke_token
from services.api.models import ApiToken, Scope


class Command(BaseCommand):
    help = "Create, revoke or list API tokens."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        create = commands.add_parser("create", help="make a token (shown once)")
        create.add_argument("organisation", help="short name of the organisation")
        create.add_argument("name", help="which system uses it")
        create.add_argument(
            "--scope",
            action="append",
            choices=Scope.values,
            help="repeat for several; all scopes when absent",
        )
        create.add_argument("--calls-per-minute", type=int, default=600)
        revoke = commands.add_parser("revoke", help="stop a token at once")
        revoke.add_argument("prefix", help="the first characters of the token")
        listing = commands.add_parser("list", help="tokens of an organisation")
        listing.add_argument("organisation")

    def handle(self, *args, action, **options):
        if action == "create":
            organisation = self._organisation(options["organisation"])
            token, secret = create_token(
                organisation=organisation,
                name=options["name"],
                scopes=options["scope"] or Scope.values,
                calls_per_minute=options["calls_per_minute"],
            )
            self.stdout.write(secret)
            self.stderr.write(
                f"Token {token.prefix}… for {organisation}: {', '.join(token.scopes)}."
                " Keep it now: it is not stored and cannot be shown again."
            )
        elif action == "revoke":
            tokens = ApiToken.objects.active().filter(prefix=options["prefix"])
            if tokens.count() != 1:
                raise CommandError("No single active token starts like this.")
            revoke_token(token=tokens.get())
            self.stdout.write("Revoked.")
        else:
            organisation = self._organisation(options["organisation"])
            for token in ApiToken.objects.filter(organisation=organisation):
                state = "active" if token.is_active else "revoked"
                self.stdout.write(
                    f"{token.prefix}…  {token.name}  {state}  {' '.join(token.scopes)}"
                )

    def _organisation(self, slug: str) -> Organisation:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(f"No organisation {slug!r}.")
        return organisation
