"""Contract test: every query the client can send is valid against the upstream LessWrong schema
(when `../shared/lesswrong/schema.graphql` exists), the stand-in validates against that schema when
it is present, and the stand-in's own SDL (the offline fallback) is a strict subset of it: outputs,
root arguments and input types (view terms) alike."""

from __future__ import annotations

import pytest
from graphql import (GraphQLInputObjectType, GraphQLObjectType, build_schema, get_named_type,
                     is_list_type, is_non_null_type, parse, validate)

from vaultkit.fetch.graphql import LEGACY_SUFFIX, client_operations
from vaultkit.fetch.standin.schema import build_standin_schema, upstream_sdl_path

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


@pytest.mark.parametrize("own_sdl", [False, True], ids=["upstream", "own-sdl"])
@pytest.mark.parametrize("name", OPERATIONS)
def test_operation_is_valid_against_the_standin(name, own_sdl):
    document = parse(client_operations().text(name))
    assert validate(build_standin_schema(own_sdl=own_sdl), document) == []
    legacy_only = validate(build_standin_schema(legacy_only=True, own_sdl=own_sdl), document)
    assert (legacy_only == []) == name.endswith(LEGACY_SUFFIX)


# Queries the real forum rejects and a looser stand-in once accepted.
REJECTED_UPSTREAM = {
    "the default comments view has no postId":
        "{ comments(selector: {default: {postId: \"x\"}}) { results { _id } } }",
    "postCommentsOld takes no sortBy":
        "{ comments(selector: {postCommentsOld: {postId: \"x\", sortBy: \"top\"}}) { results { _id } } }",
    "postCommentsOld takes no after/before":
        "{ comments(selector: {postCommentsOld: {postId: \"x\", after: \"2020\"}}) { results { _id } } }",
    "the old view takes no slug":
        "{ posts(selector: {old: {slug: \"x\"}}) { results { _id } } }",
    "the new view takes no slug":
        "{ posts(selector: {new: {slug: \"x\"}}) { results { _id } } }",
    "tagsByTagIds requires tagIds":
        "{ tags(selector: {tagsByTagIds: {}}) { results { _id } } }",
    "the single selector has no slug":
        "{ post(selector: {slug: \"x\"}) { result { _id } } }",
}


@pytest.mark.parametrize("own_sdl", [False, True], ids=["upstream", "own-sdl"])
@pytest.mark.parametrize("why", REJECTED_UPSTREAM)
def test_standin_rejects_what_upstream_rejects(upstream, why, own_sdl):
    document = parse(REJECTED_UPSTREAM[why])
    assert validate(upstream, document) != [], why
    assert validate(build_standin_schema(own_sdl=own_sdl), document) != [], why


def test_standin_serves_the_upstream_schema_when_present(upstream_schema_path):
    assert upstream_sdl_path() is not None
    served = build_standin_schema()
    # A type only upstream has: proof the stand-in validates against the real schema.
    assert "ResearchConversationOutput" in served.type_map
    assert "ResearchConversationOutput" not in build_standin_schema(own_sdl=True).type_map


def _shape(type_) -> str:
    """A field type as `[Name!]!`-style text, ignoring the names of input types."""
    if is_non_null_type(type_):
        return _shape(type_.of_type) + "!"
    if is_list_type(type_):
        return f"[{_shape(type_.of_type)}]"
    return type_.name


def _mismatches(upstream, kind: type, shape, skip=("Query",)) -> list[str]:
    """Types of `kind` in our SDL that upstream lacks, or whose fields it lacks or types otherwise."""
    ours = build_standin_schema(own_sdl=True)
    found = []
    for name, our_type in ours.type_map.items():
        if name.startswith("__") or not isinstance(our_type, kind) or name in skip:
            continue
        their_type = upstream.type_map.get(name)
        if not isinstance(their_type, kind):
            found.append(f"{name}: not an upstream {kind.__name__}")
            continue
        for field_name, field in our_type.fields.items():
            theirs = their_type.fields.get(field_name)
            if theirs is None or shape(theirs.type) != shape(field.type):
                found.append(f"{name}.{field_name}: {shape(field.type)} vs "
                             f"{shape(theirs.type) if theirs else 'missing'}")
    return found


def test_standin_output_types_agree_with_upstream(upstream):
    assert _mismatches(upstream, GraphQLObjectType, _shape) == []


def _typed(type_) -> str:
    """A type as `[Name!]!` text, input type names included."""
    return str(type_)


def test_standin_root_fields_take_the_upstream_arguments(upstream):
    ours = build_standin_schema(own_sdl=True)
    for name, field in ours.query_type.fields.items():
        theirs = upstream.query_type.fields[name]
        for arg_name, arg in field.args.items():
            assert arg_name in theirs.args, f"{name}({arg_name})"
            assert _typed(arg.type) == _typed(theirs.args[arg_name].type), f"{name}({arg_name})"
        assert get_named_type(field.type).name == get_named_type(theirs.type).name


def test_standin_input_types_are_a_subset_of_upstream(upstream):
    """Every view input (the terms of a view) and argument type of our SDL exists upstream, and
    each of its fields exists there with the same type: nothing the forum rejects validates."""
    assert _mismatches(upstream, GraphQLInputObjectType, _typed) == []
