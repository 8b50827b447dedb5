"""What account deletion does to data exports (``ACCOUNT_DELETION_HANDLERS``).

Every export of the person's data, and every export they asked for about someone else
(as guardian or helper), is deleted: the job row now, its file in the private storage
once the deletion has committed (a rolled-back deletion keeps both). A job still running
finds its row gone and stops; ``purge_exports`` removes any file it leaves behind.
"""

from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q

from citizenpass.exports.models import ExportJob


def delete_exports(*, user) -> None:
    """Delete the person's export jobs and, after commit, their files."""
    jobs = ExportJob.objects.filter(Q(resident=user) | Q(requested_by=user))
    names = [name for name in jobs.values_list("file_name", flat=True) if name]
    jobs.delete()
    if names:
        storage = storages["private"]

        def delete_files():
            for name in names:
                storage.delete(name)

        transaction.on_commit(delete_files)
