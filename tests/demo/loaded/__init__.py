"""Tests that read the whole loaded demo (see conftest.py)."""

# The theme codes the demo's records may use: shared by the taxonomy before and after
# Annex I (courses/taxonomy.py), so a demo loaded before the migration stays valid.
KEPT_THEMES = frozenset(
    {
        "labour-inspection",
        "occupational-safety-health",
        "working-conditions",
        "employment-services",
        "skills-training",
        "youth-employment",
        "employment-policy",
        "labour-migration",
        "social-dialogue",
        "collective-bargaining",
        "dispute-resolution",
    }
)
