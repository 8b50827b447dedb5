"""The status workflow of a request: the one place that says which moves are allowed."""

from .models import RequestStatus as S

# Moves agents (or a commune's system through the API) make.
AGENT_TRANSITIONS: dict[str, set[str]] = {
    S.SUBMITTED: {S.IN_REVIEW, S.WAITING_RESIDENT, S.ACCEPTED, S.REFUSED},
    S.IN_REVIEW: {S.WAITING_RESIDENT, S.ACCEPTED, S.REFUSED},
    S.WAITING_RESIDENT: {S.IN_REVIEW, S.ACCEPTED, S.REFUSED},
    S.ACCEPTED: {S.CLOSED},
    S.REFUSED: {S.CLOSED},
}

# Moves the resident makes.
RESIDENT_TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    # Answering a request for information sends the request back to review.
    S.WAITING_RESIDENT: {S.IN_REVIEW, S.WITHDRAWN},
    S.SUBMITTED: {S.WITHDRAWN},
    S.IN_REVIEW: {S.WITHDRAWN},
}

# Statuses in which the resident can add documents and messages.
RESIDENT_CAN_WRITE = {S.SUBMITTED, S.IN_REVIEW, S.WAITING_RESIDENT}
FINAL = {S.CLOSED, S.WITHDRAWN}


def agent_can_move(from_status: str, to_status: str) -> bool:
    """Whether an agent may move a request from one status to another."""
    return to_status in AGENT_TRANSITIONS.get(from_status, set())


def resident_can_move(from_status: str, to_status: str) -> bool:
    """Whether the resident may move their request from one status to another."""
    return to_status in RESIDENT_TRANSITIONS.get(from_status, set())


def next_statuses_for_agent(from_status: str) -> list[str]:
    """The statuses an agent can choose next, in workflow order."""
    allowed = AGENT_TRANSITIONS.get(from_status, set())
    return [value for value in S.values if value in allowed]
