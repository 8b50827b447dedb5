#!/usr/bin/env bash
# Extract translatable strings into every catalogue: each app with a locale/ folder keeps its
# own; the root locale/ holds the rest (shared layout, settings, apps without one).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
ignore=(--ignore=.venv --ignore=var --ignore=tests --ignore=node_modules)
for locale_dir in $(find citizenpass cms services -type d -name locale -not -path '*/node_modules/*'); do
  app_dir=$(dirname "$locale_dir")
  ignore+=(--ignore="$app_dir/*")
  (cd "$app_dir" && "$OLDPWD/$PY" -P -m django makemessages -l fr -l en --no-obsolete --no-location -v0 --settings=citizenpass.settings.dev --pythonpath "$OLDPWD")
done
"$PY" manage.py makemessages -l fr -l en --no-obsolete --no-location -v0 "${ignore[@]}"
