"""The stand-in's GraphQL layer: the schema, resolvers, and the HTTP-level answer for one operation
(status code and JSON body, in the shapes the real server uses).

The schema is the real forum's when its SDL is at hand (`$VAULTKIT_SHARED_DIR/lesswrong/` or
`../shared/lesswrong/` beside the project: tests and CI have it), so the stand-in rejects exactly
what the forum rejects, view terms included. Without it (the offline demo, an installed package)
the stand-in falls back to its own SDL (`schema.graphql`), a strict subset of the real one.

Resolvers are always ours. A field the real schema has but the stand-in does not serve (it is not in
our own SDL) answers with an error naming it, never a silent null: a query that starts asking for
it fails loudly in the tests instead of passing against data the stand-in does not have.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from graphql import (GraphQLError, GraphQLObjectType, GraphQLSchema, ObjectValueNode,
                     build_ast_schema, execute, parse, validate)
from graphql.language import DocumentNode, ObjectTypeDefinitionNode, ObjectTypeExtensionNode

from vaultkit.fetch.standin.database import Database, ListQuery, ResolverError

# Arguments of the current form; a legacy-only deployment (an older ForumMagnum) lacks them.
CURRENT_FORM_ARGUMENTS = {"selector", "limit", "offset", "enableTotal", "allowNull"}
SHARED_DIR_VARIABLE = "VAULTKIT_SHARED_DIR"
UPSTREAM_SDL = Path("lesswrong") / "schema.graphql"
PROJECT_ROOT = Path(__file__).resolve().parents[3]


def schema_sdl() -> str:
    """The stand-in's own SDL text."""
    return resources.files("vaultkit.fetch.standin").joinpath("schema.graphql").read_text("utf-8")


def upstream_sdl_path() -> Path | None:
    """The real forum's SDL, if this machine has it: under `$VAULTKIT_SHARED_DIR`, else in
    `../shared/` beside the project. It is upstream's file and is never copied into vaultkit."""
    shared = os.environ.get(SHARED_DIR_VARIABLE)
    candidates = [Path(shared) / UPSTREAM_SDL] if shared else []
    candidates.append(PROJECT_ROOT.parent / "shared" / UPSTREAM_SDL)
    return next((path for path in candidates if path.is_file()), None)


def build_standin_schema(legacy_only: bool = False, *, own_sdl: bool = False) -> GraphQLSchema:
    """The stand-in's executable schema: the real forum's SDL when present (unless `own_sdl`),
    else our own, with our resolvers bound. `legacy_only` keeps only the `input:` argument style."""
    upstream = None if own_sdl else upstream_sdl_path()
    return _build(legacy_only, str(upstream) if upstream else None)


@lru_cache(maxsize=4)
def _build(legacy_only: bool, upstream: str | None) -> GraphQLSchema:
    ours = build_ast_schema(parse(schema_sdl()))
    document = parse(Path(upstream).read_text("utf-8") if upstream else schema_sdl())
    if legacy_only:
        _drop_current_form(document)
    # The upstream file defines one unrelated type twice, so it only builds unchecked.
    schema = build_ast_schema(document, assume_valid_sdl=upstream is not None)
    _bind_resolvers(schema, served_fields(ours))
    return schema


def served_fields(schema: GraphQLSchema) -> dict[str, set[str]]:
    """Object type name -> the fields the stand-in serves (those of its own SDL)."""
    return {name: set(t.fields) for name, t in schema.type_map.items()
            if isinstance(t, GraphQLObjectType) and not name.startswith("__")}


def _drop_current_form(document: DocumentNode) -> None:
    for definition in document.definitions:
        if (isinstance(definition, (ObjectTypeDefinitionNode, ObjectTypeExtensionNode))
                and definition.name.value == "Query"):
            for field in definition.fields:
                field.arguments = tuple(a for a in field.arguments
                                        if a.name.value not in CURRENT_FORM_ARGUMENTS)


# --- root resolvers ----------------------------------------------------------------------------

def _single(getter: str, takes_allow_null: bool = True) -> Callable[..., dict]:
    def resolve(_root: Any, info: Any, input: dict | None = None, selector: dict | None = None,
                allowNull: bool | None = None) -> dict:
        selector = selector if selector is not None else (input or {}).get("selector") or {}
        doc_id = selector.get("_id") or selector.get("documentId") or ""
        allow_null = bool(allowNull or (input or {}).get("allowNull"))
        lookup = getattr(info.context, getter)
        found = lookup(doc_id, allow_null) if takes_allow_null else lookup(doc_id)
        return {"result": None if info.context.guest_reads_null(doc_id) else found}
    return resolve


def _multi(lister: str) -> Callable[..., dict]:
    def resolve(_root: Any, info: Any, input: dict | None = None, selector: dict | None = None,
                limit: int | None = None, offset: int | None = None,
                enableTotal: bool | None = None) -> dict:
        query = _list_query(info, input, selector, limit, offset, enableTotal)
        results, total = getattr(info.context, lister)(query)
        return {"results": results, "totalCount": total if query.enable_total else None}
    return resolve


def _list_query(info: Any, input: dict | None, selector: dict | None, limit: int | None,
                offset: int | None, enable_total: bool | None) -> ListQuery:
    if selector is not None:
        key = _first_selector_key(info, selector)
        terms = dict(selector.get(key) or {}) if key else {}
        return ListQuery(None if key in (None, "default") else key, terms, limit, offset,
                         bool(enable_total))
    input = input or {}
    terms = input.get("terms") or {}
    if not isinstance(terms, dict):
        raise ResolverError("terms must be an object")
    return ListQuery(terms.get("view"), dict(terms), _int_or_none(terms.get("limit")),
                     _int_or_none(terms.get("offset")), bool(input.get("enableTotal")))


def _first_selector_key(info: Any, selector: dict) -> str | None:
    """Only the first key of a selector counts, in the order the query wrote them."""
    for argument in info.field_nodes[0].arguments:
        if argument.name.value == "selector" and isinstance(argument.value, ObjectValueNode):
            return argument.value.fields[0].name.value if argument.value.fields else None
    return next(iter(selector), None)


def _int_or_none(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        raise ResolverError(f"Invalid limit or offset: {value!r}") from None


def _user_by_slug(_root: Any, info: Any, slug: str) -> dict | None:
    return info.context.user_by_slug(slug, old_slugs=False)


# --- nested objects ----------------------------------------------------------------------------

def _user_of(_doc_key: str = "userId") -> Callable[..., dict | None]:
    return lambda doc, info: info.context.visible_user(doc.get(_doc_key))


def _post_tags(post: dict, info: Any) -> list[dict]:
    tags = info.context.tags
    return [tags[t] for t, score in post["tagRelevance"].items()
            if t in tags and not tags[t]["deleted"] and (score or 0) > 0]


def _unserved(_root: Any, info: Any, **_args: Any) -> None:
    raise ResolverError(f"The stand-in does not serve {info.parent_type.name}.{info.field_name} "
                        "(the real forum has it); add it to vaultkit/fetch/standin/schema.graphql "
                        "and the fixtures first.")


def _bind_resolvers(schema: GraphQLSchema, served: dict[str, set[str]]) -> None:
    for type_name, type_ in schema.type_map.items():
        if isinstance(type_, GraphQLObjectType) and not type_name.startswith("__"):
            for field_name, field in type_.fields.items():
                if field_name not in served.get(type_name, ()):
                    field.resolve = _unserved
    query = schema.query_type.fields
    roots = {
        "post": _single("post"), "posts": _multi("list_posts"),
        "comment": _single("comment"), "comments": _multi("list_comments"),
        "tag": _single("tag", False), "tags": _multi("list_tags"),
        "user": _single("user", False), "users": _multi("list_users"),
        "sequence": _single("sequence"), "sequences": _multi("list_sequences"),
        "chapters": _multi("list_chapters"),
        "collection": _single("collection", False), "collections": _multi("list_collections"),
        "GetUserBySlug": _user_by_slug,
    }
    for name, resolver in roots.items():
        query[name].resolve = resolver
    nested = {
        ("Post", "user"): _user_of(),
        ("Post", "coauthors"): lambda p, info: [u for u in map(info.context.visible_user,
                                                             p["coauthorUserIds"]) if u],
        ("Post", "tags"): _post_tags,
        ("Comment", "user"): _user_of(),
        ("Sequence", "user"): _user_of(),
        ("Tag", "parentTag"): lambda t, info: info.context.tags.get(t["parentTagId"] or ""),
        ("Tag", "subTags"): lambda t, info: [info.context.tags[i] for i in t["subTagIds"]
                                             if i in info.context.tags],
        ("Chapter", "posts"): lambda c, info: info.context.visible_posts(c["postIds"]),
        ("Book", "posts"): lambda b, info: info.context.visible_posts(b["postIds"]),
        ("Book", "sequences"): lambda b, info: [s for s in (info.context.sequences.get(i)
                                                            for i in b["sequenceIds"])
                                                if s and not s["isDeleted"] and not s["draft"]],
    }
    for (type_name, field), resolver in nested.items():
        schema.type_map[type_name].fields[field].resolve = resolver


# --- one operation -> (HTTP status, JSON body) -------------------------------------------------

def _error(message: str, code: str, **extra: Any) -> dict:
    return {"message": message, **extra, "extensions": {"code": code}}


@lru_cache(maxsize=256)
def _parse_and_validate(schema: GraphQLSchema,
                        source: str) -> tuple[DocumentNode | None, dict | None]:
    try:
        document = parse(source)
    except GraphQLError as error:
        return None, _error(error.message, "GRAPHQL_PARSE_FAILED")
    problems = validate(schema, document)
    if problems:
        return None, _error(problems[0].message, "GRAPHQL_VALIDATION_FAILED")
    return document, None


def run_operation(schema: GraphQLSchema, database: Database, payload: Any) -> tuple[int, dict]:
    """Execute one GraphQL request object; returns the HTTP status and the JSON answer."""
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return 400, {"errors": [_error("POST body must contain a string 'query'.", "BAD_REQUEST")]}
    document, failure = _parse_and_validate(schema, payload["query"])
    if failure is not None:
        return 400, {"errors": [failure]}
    result = execute(schema, document, context_value=database,
                     variable_values=payload.get("variables") or None,
                     operation_name=payload.get("operationName"))
    if result.data is None and result.errors:
        # Variables that do not fit their types, or no operation chosen: nothing ran.
        return 400, {"errors": [_error(e.message, "BAD_USER_INPUT") for e in result.errors]}
    body: dict = {}
    if result.errors:
        body["errors"] = [_error(e.message, "INTERNAL_SERVER_ERROR", path=e.path)
                          for e in result.errors]
    body["data"] = result.data
    return 200, body
