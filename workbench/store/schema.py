"""Imports every table module so SQLModel.metadata knows the whole schema (Alembic's env.py
and the models-vs-migrations test rely on it). A feature with its own tables adds one line."""

import workbench.store.adjustment_tables
import workbench.store.assessment_tables
import workbench.store.charter_tables
import workbench.store.oncall_tables
import workbench.store.org_tables
import workbench.store.policy_tables
import workbench.store.slo_tables
import workbench.store.stakeholder_tables  # noqa: F401
from workbench.store import tables  # noqa: F401
