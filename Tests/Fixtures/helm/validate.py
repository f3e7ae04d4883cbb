"""Validates Kubernetes objects against the API's own schemas with kubernetes-validate.

    kubectl get ... -o json | validate.py KUBERNETES_VERSION

Reads a List (as `kubectl get -o json` prints it) or a single object on standard input and
validates every item strictly: unknown fields are errors, as they are to an API server that
validates fields. Prints one JSON line, {"validated": ["Kind/name", ...], "errors": ["...", ...]},
and exits 1 when any object is invalid or none was given.
"""
import json
import sys

import kubernetes_validate


def main(version):
    document = json.load(sys.stdin)
    items = document.get("items", []) if document.get("kind", "").endswith("List") else [document]
    validated, errors = [], []
    for item in items:
        name = f"{item.get('kind')}/{item.get('metadata', {}).get('name')}"
        try:
            kubernetes_validate.validate(item, version, strict=True)
            validated.append(name)
        except kubernetes_validate.ValidationError as error:
            path = "/".join(str(part) for part in error.path)
            errors.append(f"{name}: {path}: {error.message}")
        except (kubernetes_validate.SchemaNotFoundError, kubernetes_validate.InvalidSchemaError) as error:
            errors.append(f"{name}: {error}")
    print(json.dumps({"validated": validated, "errors": errors}))
    return 0 if validated and not errors else 1


sys.exit(main(sys.argv[1]))
