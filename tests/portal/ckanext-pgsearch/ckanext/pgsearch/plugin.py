"""CKAN without Solr: the index package_show reads kept in memory, and package_search
answered from PostgreSQL.

CKAN 2.10 and later cannot switch indexing off: every dataset created or changed is sent
to Solr (the index raises when Solr is not there), and organisation pages count datasets
by asking Solr for facets. Solr is not packaged for Debian, so the publishing tests run
CKAN with this plugin, which replaces the five names CKAN's code reaches the search
backend through (ckan.lib.search._INDICES, _QUERIES, PackageSearchIndex,
PackageSearchQuery and commit). Everything else (the actions, validators, uploads, the
activity stream, ckanext-dcat) is CKAN's own.

What CKAN keeps in Solr for package_show is kept here, in the CKAN process's memory: each
dataset as PackageSearchIndex indexes it (validated with the show schema, as JSON) with its
metadata_modified. package_show uses an entry, as it uses Solr's, only while that time
still matches the database's, and otherwise dictizes and validates the dataset from the
database. Without it, every package_show (two for each file downloaded) would dictize and
validate the whole dataset: work a portal with Solr does not do.

The query understands what the tests and ckanext-dcat's catalogue ask: all datasets
visible to the caller, optionally one organisation (`owner_org:ID` or
`organization:NAME` in fq) or one dataset (`name:NAME` / `id:ID` in q or fq), in pages
of `rows` from `start`, with facet counts of the fields CKAN shows.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import ckan.lib.plugins as lib_plugins
import ckan.lib.search as search
import ckan.model as model
import ckan.plugins as plugins
from ckan.common import config
from ckan.lib.navl.dictization_functions import MissingNullEncoder
from ckan.lib.search.index import SearchIndex
from ckan.lib.search.query import SearchQuery

FIELD_TERM = re.compile(
    r"\+?(?P<field>name|id|owner_org|organization|capacity|state):"
    r'(?P<value>"[^"]*"|\([^)]*\)|\S+)'
)
FACET_FIELDS = ("organization", "owner_org", "groups", "tags", "res_format", "license_id")


# What Solr would hold of each dataset for package_show, by dataset id: the document
# PackageSearchIndex sends (the fields package_show reads of it). One copy per CKAN process.
INDEXED: dict[str, dict[str, str]] = {}


class DatabaseIndex(SearchIndex):
    """The index package_show reads, in memory: what CKAN's PackageSearchIndex sends Solr
    for package_show, made as it makes it."""

    def update_dict(self, data: dict[str, Any], defer_commit: bool = False) -> None:
        self.index_package(data, defer_commit)

    def remove_dict(self, data: dict[str, Any]) -> None:
        self.delete_package(data)

    def index_package(self, pkg_dict: Any, defer_commit: bool = False) -> None:
        if pkg_dict is None:
            return
        if config.get("ckan.search.remove_deleted_packages") and pkg_dict.get("state") in (
            None,
            "deleted",
        ):
            self.delete_package(pkg_dict)
            return
        package_plugin = lib_plugins.lookup_package_plugin(pkg_dict.get("type"))
        validated, _errors = lib_plugins.plugin_validate(
            package_plugin,
            {"model": model, "session": model.Session},
            pkg_dict,
            package_plugin.show_package_schema(),
            "package_show",
        )
        # In CKAN's order: data_dict holds validated_data_dict too, as it does in Solr.
        pkg_dict["validated_data_dict"] = json.dumps(validated, cls=MissingNullEncoder)
        pkg_dict["data_dict"] = json.dumps(pkg_dict)
        named = [key for key, entry in list(INDEXED.items()) if entry["name"] == pkg_dict["name"]]
        for stale in named:  # a dataset purged and created again under its name
            INDEXED.pop(stale, None)
        INDEXED[pkg_dict["id"]] = {
            key: pkg_dict[key]
            for key in ("id", "name", "metadata_modified", "validated_data_dict", "data_dict")
        }

    def delete_package(self, pkg_dict: dict[str, Any]) -> None:
        INDEXED.pop(pkg_dict.get("id", ""), None)

    def commit(self) -> None:
        return None

    def clear(self) -> None:
        INDEXED.clear()


def _terms(text: str) -> dict[str, set[str]]:
    """field -> accepted values, from Solr-style terms such as +owner_org:"ID" or
    +state:(active OR draft)."""
    terms: dict[str, set[str]] = {}
    for match in FIELD_TERM.finditer(text or ""):
        value = match["value"].strip('"()')
        values = {part.strip().strip('"') for part in value.split(" OR ")}
        terms.setdefault(match["field"], set()).update(values)
    return terms


def _visible(package: model.Package, terms: dict[str, set[str]], labels: list[str] | None) -> bool:
    states = terms.get("state", {"active"})
    if package.state not in states:
        return False
    if (
        "capacity" in terms
        and ("private" if package.private else "public") not in terms["capacity"]
    ):
        return False
    if "name" in terms and package.name not in terms["name"]:
        return False
    if "id" in terms and package.id not in terms["id"]:
        return False
    if "owner_org" in terms and package.owner_org not in terms["owner_org"]:
        return False
    if "organization" in terms:
        organisation = model.Group.get(package.owner_org) if package.owner_org else None
        if organisation is None or organisation.name not in terms["organization"]:
            return False
    if labels is not None:
        from ckan.lib.plugins import get_permission_labels

        if not set(get_permission_labels().get_dataset_labels(package)) & set(labels):
            return False
    return True


class DatabaseQuery(SearchQuery):
    """package_search from PostgreSQL: what CKAN asks Solr, answered from the tables."""

    def get_all_entity_ids(self, max_results: int = 1000) -> list[str]:
        query = model.Session.query(model.Package.id).filter(model.Package.state == "active")
        return [row[0] for row in query.limit(max_results)]

    def get_index(self, reference: str) -> dict[str, Any]:
        """The indexed document of the dataset with this id or name (as Solr's query
        `name:REF OR id:REF` finds it); SearchError, as from Solr, when there is none:
        package_show then reads the database."""
        entry = INDEXED.get(reference) or next(
            (entry for entry in list(INDEXED.values()) if entry["name"] == reference), None
        )
        if entry is None:
            raise search.SearchError(f"Dataset not found in the search index: {reference}")
        return dict(entry)

    def run(
        self, query: dict[str, Any], permission_labels: list[str] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        from ckan.logic import get_action

        filters = " ".join(
            [query.get("q") or "", *_as_list(query.get("fq")), *_as_list(query.get("fq_list"))]
        )
        terms = _terms(filters)
        packages = [
            package
            for package in model.Session.query(model.Package).order_by(model.Package.name)
            if _visible(package, terms, permission_labels)
        ]
        context = {"ignore_auth": True, "use_cache": False, "validate": False}
        shown = [get_action("package_show")(dict(context), {"id": p.id}) for p in packages]
        self.facets = _facets(shown, query)
        self.count = len(shown)
        start, rows = int(query.get("start", 0) or 0), int(query.get("rows", 10) or 10)
        fields = (query.get("fl") or "name").replace(",", " ").split()
        self.results = [_result(package, fields) for package in shown[start : start + rows]]
        return {"results": self.results, "count": self.count}


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(item) for item in value]


def _facets(shown: list[dict[str, Any]], query: dict[str, Any]) -> dict[str, dict[str, int]]:
    wanted = _as_list(query.get("facet.field")) or list(FACET_FIELDS)
    if isinstance(query.get("facet.field"), str):
        try:
            wanted = json.loads(query["facet.field"])
        except ValueError:
            wanted = [query["facet.field"]]
    counts: dict[str, Counter[str]] = {field: Counter() for field in wanted}
    for package in shown:
        values = {
            "organization": [package["organization"]["name"]]
            if package.get("organization")
            else [],
            "owner_org": [package["owner_org"]] if package.get("owner_org") else [],
            "groups": [group["name"] for group in package.get("groups", [])],
            "tags": [tag["name"] for tag in package.get("tags", [])],
            "res_format": sorted(
                {r["format"] for r in package.get("resources", []) if r.get("format")}
            ),
            "license_id": [package["license_id"]] if package.get("license_id") else [],
        }
        for field in wanted:
            counts[field].update(values.get(field, []))
    return {field: dict(counter) for field, counter in counts.items()}


def _result(package: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """One result as Solr stores it: the requested fields, the dataset as JSON strings."""
    serialised = json.dumps(package)
    result: dict[str, Any] = {}
    for field in fields:
        if field in ("data_dict", "validated_data_dict"):
            result[field] = serialised
        elif field in package:
            result[field] = package[field]
    return result


def _replace_search_backend() -> None:
    search._INDICES["package"] = DatabaseIndex
    search._QUERIES["package"] = DatabaseQuery
    search.PackageSearchIndex = DatabaseIndex
    search.PackageSearchQuery = DatabaseQuery
    search.commit = lambda: None
    # No Solr to ask for its schema version at start-up.
    search.check_solr_schema_version = lambda schema_file=None: False


class PostgresSearchPlugin(plugins.SingletonPlugin):
    """Replaces CKAN's Solr search backend when CKAN loads its plugins."""

    plugins.implements(plugins.IConfigurer, inherit=True)

    def update_config(self, config: Any) -> None:
        _replace_search_backend()
