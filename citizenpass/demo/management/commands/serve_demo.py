"""``manage.py serve_demo``: the web server and a background worker, stopped together."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the portal on 127.0.0.1:$PORT (default 8000) with a job worker beside it."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))

    def handle(self, *args, **options):
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        worker = subprocess.Popen(
            [
                *manage,
                "db_worker",
                "--queue-name",
                ",".join(settings.TASK_QUEUES),
                "--no-reload",
            ]
        )
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(
            f"Portal: http://{address}/  ·  back office: http://{address}/backoffice/"
        )
        try:
            web = subprocess.Popen([*manage, "runserver", address])
            web.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for process in (locals().get("web"), worker):
                if process and process.poll() is None:
                    process.send_signal(signal.SIGTERM)
                    try:
                        process.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        process.kill()
