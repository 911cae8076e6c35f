#!/usr/bin/env python3
"""Checks schema/scenario.schema.json and the scenario files against it.

Usage: check_schema.py REPO_ROOT

1. The schema is a valid draft-07 schema (and so is every entry of its $defs, which draft-07
   meta-validation does not look into); beside a $ref there are only annotations.
2. Every scenarios/**/*.yaml validates against the schema; a `# yaml-language-server: $schema=`
   line, if present, points at the schema.
3. Every tests/bad/*.yaml whose first line is `# schema: invalid` fails validation (other bad
   files are left to `mamar check`: most of their errors are semantic).

Prints each failure with the file and the JSON path, then `N passed, M failed`; exits 1 on any
failure. Needs only python3-yaml and python3-jsonschema (Debian 12: jsonschema 4.10).

YAML is read as the YAML language server and yaml-cpp read it (YAML 1.2 core schema), not with
PyYAML's YAML 1.1 rules: a timestamp stays text, an unquoted 18:30 is not the number 1110, and
yes/no/on/off are text, not booleans (the schema's boolean accepts true/false and, as the format
allows, the words yes/no/on/off). A duplicate key is an error.
"""

import json
import os
import re
import sys
from pathlib import Path

import jsonschema
import yaml

SCHEMA_REL = Path("schema") / "scenario.schema.json"
INVALID_MARK = re.compile(r"^#\s*schema:\s*invalid\s*$")
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)")
# Keywords that may stand beside $ref: draft-07 ignores every sibling of $ref, so anything that
# validates would silently be lost there.
REF_SIBLINGS_OK = {"$ref", "description", "default", "title", "examples", "$comment",
                   "markdownDescription", "deprecationMessage"}


# --- YAML 1.2 core schema loader -------------------------------------------------------------

class _CoreLoader(yaml.SafeLoader):
    """SafeLoader with the YAML 1.2 core schema's implicit types and duplicate-key errors."""


_CoreLoader.yaml_implicit_resolvers = {}
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"))
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"))
_CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))
_CoreLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^<<$"), ["<"])


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _construct_float(loader, node):
    text = loader.construct_scalar(node).lower()
    if text.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    return float(text)


def _construct_mapping(loader, node, deep=False):
    loader.flatten_mapping(node)  # resolves << merge keys
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, str):
            # JSON has only text keys; the language server reads `1:` as "1".
            key = loader.construct_scalar(key_node) if isinstance(key_node, yaml.ScalarNode) \
                else str(key)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                f"found duplicate key {key!r} (first at line {seen[key].line + 1})",
                key_node.start_mark)
        seen[key] = key_node.start_mark
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, str):
            key = loader.construct_scalar(key_node) if isinstance(key_node, yaml.ScalarNode) \
                else str(key)
        mapping[key] = loader.construct_object(value_node, deep=deep)
    return mapping


def _construct_map_node(loader, node):
    data = {}
    yield data
    data.update(_construct_mapping(loader, node, deep=True))


_CoreLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_CoreLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_CoreLoader.add_constructor("tag:yaml.org,2002:map", _construct_map_node)


def load_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_CoreLoader)  # noqa: S506 - a SafeLoader subclass


# --- schema checks ---------------------------------------------------------------------------

def _walk_schemas(node, where):
    """Yields (json-pointer, schema object) for every object in the schema document."""
    if isinstance(node, dict):
        yield where, node
        for k, v in node.items():
            yield from _walk_schemas(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk_schemas(v, f"{where}/{i}")


def check_schema_itself(schema):
    """Returns a list of problems with the schema document."""
    problems = []
    cls = jsonschema.validators.validator_for(schema)
    if cls is not jsonschema.Draft7Validator:
        problems.append(f"$schema is {schema.get('$schema')!r}, expected draft-07")
    try:
        cls.check_schema(schema)
    except jsonschema.SchemaError as e:
        problems.append(f"not a valid schema: {e.message} at {_pointer(e.absolute_path)}")
    for name, sub in schema.get("$defs", {}).items():
        try:
            cls.check_schema(sub)
        except jsonschema.SchemaError as e:
            problems.append(f"$defs/{name} is not a valid schema: {e.message}")
    root = cls(schema)
    for where, obj in _walk_schemas(schema, "#"):
        if "default" in obj and "properties" not in where.split("/")[-1:]:
            # A default must itself be valid where it stands (e.g. "30 s" for a duration).
            try:
                ok = root.evolve(schema=obj).is_valid(obj["default"])
            except Exception as e:  # an unresolvable $ref is reported below
                ok = not isinstance(e, jsonschema.ValidationError)
            if not ok:
                problems.append(f"{where}: default {obj['default']!r} is not valid there")
        if "$ref" in obj and isinstance(obj["$ref"], str):
            extra = set(obj) - REF_SIBLINGS_OK
            if extra:
                problems.append(f"{where}: {sorted(extra)} beside $ref are ignored in draft-07")
            ref = obj["$ref"]
            if not ref.startswith("#/"):
                problems.append(f"{where}: $ref {ref!r} is not local")
            elif _resolve_pointer(schema, ref[1:]) is None:
                problems.append(f"{where}: $ref {ref!r} does not resolve")
    return problems


def _resolve_pointer(doc, pointer):
    cur = doc
    for part in pointer.lstrip("/").split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        elif isinstance(cur, list) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        else:
            return None
    return cur


def _pointer(path):
    return "/" + "/".join(str(p) for p in path)


def json_path(path):
    out = "$"
    for p in path:
        if isinstance(p, int):
            out += f"[{p}]"
        elif re.match(r"^[A-Za-z_][A-Za-z0-9_-]*$", p):
            out += f".{p}"
        else:
            out += "[" + json.dumps(p, ensure_ascii=False) + "]"
    return out


def _branches(err):
    """The errors of an anyOf/oneOf error, grouped by alternative."""
    groups = {}
    for e in err.context:
        groups.setdefault(e.relative_schema_path[0], []).append(e)
    return list(groups.values())


def _type_mismatch(err):
    """True when the error only says that the value is of another type than the alternative."""
    if err.relative_path:
        return False
    if err.validator == "type":
        return True
    if err.validator in ("anyOf", "oneOf") and err.context:
        return all(any(_type_mismatch(e) for e in group) for group in _branches(err))
    return False


def _relevant(err):
    """For an anyOf error on a mapping or list, the error of the alternative of the right type.

    A distribution is a plain value or a one-key mapping; when a mapping fails, the reason is
    inside the mapping alternative, not "not valid under any of the given schemas".
    """
    while err.validator == "anyOf" and err.context and isinstance(err.instance, (dict, list)):
        candidates = [e for group in _branches(err)
                      if not any(_type_mismatch(e) for e in group) for e in group]
        if not candidates:
            break
        err = max(candidates, key=lambda e: len(e.absolute_path))
    return err


def describe_error(err):
    """One line for a validation error: JSON path and message, with what was expected."""
    top = err
    err = _relevant(err)
    msg = err.message
    if err.validator == "pattern" and isinstance(err.schema, dict) \
            and err.schema.get("patternErrorMessage"):
        msg = f"{err.instance!r}: {err.schema['patternErrorMessage']}"
    if err.validator == "oneOf":
        msg = "must match exactly one of the alternatives"
    if err.validator in ("anyOf", "oneOf") and isinstance(err.schema, dict):
        what = err.schema.get("description") or (
            top.schema.get("description") if isinstance(top.schema, dict) else None)
        if what:
            msg += f" (expected: {what})"
    if len(msg) > 300:
        msg = msg[:300] + " ..."
    return f"{json_path(err.absolute_path)}: {msg}"


def validation_errors(validator, instance):
    errs = sorted(validator.iter_errors(instance),
                  key=lambda e: ([str(p) for p in e.absolute_path], e.message))
    return [describe_error(e) for e in errs]


def modeline_problem(file, root):
    """Problem with a `# yaml-language-server: $schema=` line, or None."""
    with open(file, encoding="utf-8", errors="replace") as f:
        head = [f.readline() for _ in range(5)]
    for line in head:
        m = MODELINE.match(line)
        if not m:
            continue
        target = m.group(1)
        if re.match(r"^[a-z]+://", target):
            return None
        resolved = (file.parent / target).resolve()
        if resolved != (root / SCHEMA_REL).resolve():
            rel = os.path.relpath(root / SCHEMA_REL, file.parent)
            return f"$schema={target} does not point at {SCHEMA_REL}; write $schema={rel}"
    return None


# --- reporting, shared with check_results.py and check_comparison.py ----------------------------

class Tally:
    """Checks counted and printed as they go: `ok   LABEL`, or `FAIL LABEL` and its lines; end()
    prints `N passed, M failed` and gives the exit status."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, label):
        self.passed += 1
        print(f"ok   {label}")

    def fail(self, label, lines):
        self.failed += 1
        print(f"FAIL {label}")
        for line in lines:
            print(f"  {line}")

    def end(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def load_validator(root, rel, tally):
    """A draft-07 validator for the schema at ROOT/REL, counted as a check; None (a failure
    reported) when the file cannot be read or is not a valid schema."""
    try:
        schema = json.loads((root / rel).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        tally.fail(str(rel), [f"cannot read: {e}"])
        return None
    problems = check_schema_itself(schema)
    if problems:
        tally.fail(str(rel), problems)
        return None
    tally.ok(f"{rel} is a valid draft-07 schema")
    return jsonschema.Draft7Validator(schema)


# --- main ------------------------------------------------------------------------------------

def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} REPO_ROOT", file=sys.stderr)
        return 2
    root = Path(argv[1]).resolve()
    tally = Tally()
    fail = tally.fail
    validator = load_validator(root, SCHEMA_REL, tally)
    if validator is None:
        return tally.end()

    for file in sorted((root / "scenarios").glob("**/*.yaml")):
        rel = file.relative_to(root)
        try:
            doc = load_yaml(file)
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            fail(str(rel), [f"not readable as YAML: {e}".replace("\n", " ")])
            continue
        errors = validation_errors(validator, doc)
        mode = modeline_problem(file, root)
        if mode:
            errors.append(mode)
        if errors:
            fail(str(rel), errors)
        else:
            tally.ok(str(rel))

    for file in sorted((root / "tests" / "bad").glob("*.yaml")):
        rel = file.relative_to(root)
        # Read the mark as bytes: a bad file may deliberately not be UTF-8 (that is for
        # `mamar check`), and a text-mode readline() decodes more than the first line.
        with open(file, "rb") as f:
            first = f.readline().decode("utf-8", errors="replace").rstrip("\r\n")
        if not INVALID_MARK.match(first):
            continue
        try:
            doc = load_yaml(file)
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            fail(str(rel), ["marked `# schema: invalid` but is not readable as YAML, so the "
                            f"schema is not exercised: {e}".replace("\n", " ")])
            continue
        errors = validation_errors(validator, doc)
        if errors:
            tally.ok(f"{rel} rejected: {errors[0]}")
        else:
            fail(str(rel), ["marked `# schema: invalid` but passes the schema"])

    return tally.end()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
