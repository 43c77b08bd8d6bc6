"""Contract test: every query the client can send is valid against the upstream LessWrong schema
(when `../shared/lesswrong/schema.graphql` exists), and the stand-in's own SDL agrees with it."""

from __future__ import annotations

import pytest
from graphql import (GraphQLObjectType, build_schema, get_named_type, is_list_type, is_non_null_type,
                     parse, validate)

from vaultkit.fetch.graphql import LEGACY_SUFFIX, client_operations
from vaultkit.fetch.standin.schema import build_standin_schema

OPERATIONS = client_operations().names()


@pytest.fixture(scope="module")
def upstream(upstream_schema_path):
    return build_schema(upstream_schema_path.read_text(encoding="utf-8"), assume_valid_sdl=True)


def test_the_client_ships_current_and_legacy_operations():
    assert {"PostById", "PostsByIds", "PostsWindow", "CommentsForPost", "Sequence", "Collection",
            "TagBySlug", "UserBySlug"} <= set(OPERATIONS)
    for name in OPERATIONS:
        if name.endswith(LEGACY_SUFFIX):
            assert name.removesuffix(LEGACY_SUFFIX) in OPERATIONS


@pytest.mark.parametrize("name", OPERATIONS)
def test_operation_is_valid_against_the_upstream_schema(upstream, name):
    document = parse(client_operations().text(name))
    assert validate(upstream, document) == []


@pytest.mark.parametrize("name", OPERATIONS)
def test_operation_is_valid_against_the_standin(name):
    document = parse(client_operations().text(name))
    assert validate(build_standin_schema(), document) == []
    legacy_only = validate(build_standin_schema(legacy_only=True), document)
    assert (legacy_only == []) == name.endswith(LEGACY_SUFFIX)


def _shape(type_) -> str:
    """A field type as `[Name!]!`-style text, ignoring the names of input types."""
    if is_non_null_type(type_):
        return _shape(type_.of_type) + "!"
    if is_list_type(type_):
        return f"[{_shape(type_.of_type)}]"
    return type_.name


def test_standin_output_types_agree_with_upstream(upstream):
    ours = build_standin_schema()
    mismatches = []
    for name, our_type in ours.type_map.items():
        if name.startswith("__") or not isinstance(our_type, GraphQLObjectType) or name == "Query":
            continue
        their_type = upstream.type_map.get(name)
        if their_type is None:
            mismatches.append(f"{name}: not upstream")
            continue
        for field_name, field in our_type.fields.items():
            theirs = their_type.fields.get(field_name)
            if theirs is None or _shape(theirs.type) != _shape(field.type):
                mismatches.append(f"{name}.{field_name}: {_shape(field.type)} vs "
                                  f"{_shape(theirs.type) if theirs else 'missing'}")
    assert mismatches == []


def test_standin_root_fields_take_the_upstream_arguments(upstream):
    ours = build_standin_schema()
    for name, field in ours.query_type.fields.items():
        theirs = upstream.query_type.fields[name]
        assert set(field.args) <= set(theirs.args), name
        assert get_named_type(field.type).name == get_named_type(theirs.type).name
