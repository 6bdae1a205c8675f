"""Outdated references (`data/outdated-references.yml`): the registry is read by the content model.

`signpost.model.outdated_references` holds the registry, its schema and the scan; the model
loads it once (`ContentModel.outdated_references`). Its names are re-exported here, where the
freshness feature, its tests and the schema publisher have always looked for them.
"""

from signpost.model.outdated_references import (CHECK, OUTDATED_REFERENCES_SCHEMA, REGISTRY_FILE,  # noqa: F401
                                                OutdatedReference, OutdatedReferences, load_outdated_references)
