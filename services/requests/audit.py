"""Agents' reads of a resident's data, written to the resident's access log."""

from citizenpass.records.access_log import log_access


def log_agent_read(*, agent, resident, what: str, purpose: str) -> None:
    """Record that ``agent`` read ``what`` about ``resident`` and why (in the caller's
    transaction)."""
    log_access(
        resident=resident,
        actor=agent,
        role="agent",
        what=what,
        purpose=purpose,
        organisation=agent.organisation,
    )
