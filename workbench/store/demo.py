"""The demo workspace: BharatMart, an Indian e-commerce platform, as a coach might meet it.

Feature issues add their own artifacts here, each through a small ``seed_*`` function, so
``workbench demo`` always shows every screen with data.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from workbench.domain.organisation import Workspace
from workbench.store import repo
from workbench.store.demo_assessment import seed_assessments
from workbench.store.demo_charters import seed_charters
from workbench.store.demo_oncall import seed_oncall
from workbench.store.demo_org import seed_organisation
from workbench.store.demo_policies import seed_policies
from workbench.store.demo_slo import seed_maintenance, seed_slos
from workbench.store.demo_stakeholders import seed_stakeholders

DEMO_NAME = "BharatMart"
DEMO_DESCRIPTION = (
    "Online marketplace for shoppers across India: catalogue, cart, checkout, payments and "
    "delivery tracking. Developers, IT engineers and a young SRE team share production."
)

# (team, what the team is for)
DEMO_TEAMS: list[tuple[str, str]] = [
    ("Storefront", "Builds the web and mobile shop: browsing, search and product pages."),
    ("Checkout", "Owns the basket, order placement and the payment integration."),
    ("Fulfilment", "Gets orders to customers: warehouses, couriers and tracking."),
    ("Platform", "IT engineers running clusters, networks, databases and the CI pipeline."),
    ("SRE", "Sets reliability targets with the teams, runs observability and coaches "
            "incident response."),
]

# (service, owning team, what it does)
DEMO_SERVICES: list[tuple[str, str, str]] = [
    ("bharatmart-api", "Platform", "Public API gateway in front of every shop feature."),
    ("catalogue", "Storefront", "Product data, prices and stock levels."),
    ("search", "Storefront", "Full-text product search and suggestions."),
    ("web-shop", "Storefront", "Server-rendered shop pages."),
    ("cart", "Checkout", "Shopping baskets of signed-in and guest shoppers."),
    ("orders", "Checkout", "Places and stores orders."),
    ("payments", "Checkout", "Talks to UPI, card and wallet payment providers."),
    ("delivery-tracking", "Fulfilment", "Shipment status from courier partners."),
    ("warehouse-sync", "Fulfilment", "Keeps stock in step with the warehouses."),
    ("observability", "SRE", "Metrics, logs, dashboards and alert routing."),
    ("ci-pipeline", "Platform", "Builds, tests and deploys every service."),
]


def seed_basics(session: Session, workspace: Workspace, today: date) -> None:
    existing_teams = {t.name for t in repo.list_teams(session, workspace.id)}
    for name, description in DEMO_TEAMS:
        if name not in existing_teams:
            repo.add_team(session, workspace.id, name, description)
    existing_services = {s.name for s in repo.list_services(session, workspace.id)}
    for name, team, description in DEMO_SERVICES:
        if name not in existing_services:
            repo.add_service(session, workspace.id, name, team, description)


# People of BharatMart who sign the demo's agreed documents: (name, role).
DEMO_SIGNERS: dict[str, tuple[str, str]] = {
    "operations": ("Priya Sharma", "operations"),
    "development": ("Arjun Mehta", "development"),
    "product owner": ("Kavya Iyer", "product owner"),
    "coach": ("Meera Nair", "coach"),
    "team": ("Rohan Das", "team"),
    "management": ("Anita Desai", "management"),
    "executive": ("Sanjay Kapoor", "executive"),
}


# Feature issues append their seeders here; each must be idempotent and take
# (session, workspace, today).
SEEDERS = [seed_basics, seed_slos, seed_maintenance, seed_assessments, seed_stakeholders,
           seed_policies, seed_charters, seed_organisation, seed_oncall]


def create_demo(session: Session, today: date) -> tuple[Workspace, bool]:
    """Create or complete the demo workspace as of ``today`` (the counts end on it; the
    runs and sign-offs are dated back from it). Returns it and whether it was new."""
    workspace = repo.find_workspace(session, DEMO_NAME)
    created = workspace is None
    if workspace is None:
        workspace = repo.create_workspace(session, DEMO_NAME, DEMO_DESCRIPTION)
    for seed in SEEDERS:
        seed(session, workspace, today)
    return workspace, created
