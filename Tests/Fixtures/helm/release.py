"""Drives real Helm (v4's Go SDK, through the PyPI package helm-sdkpy) for kai's tests.

    release.py install|upgrade KUBECONFIG NAMESPACE RELEASE CHART [VALUES_JSON] [--values=FILE]...
               [--server-side] [--timeout=SECONDS]
    release.py uninstall|status KUBECONFIG NAMESPACE RELEASE
    release.py lint CHART

Values files are merged in order, as `helm -f` merges them, and VALUES_JSON on top of them.
Prints one JSON line: the release's name, revision, status and description (for lint, the
messages with their severity: 1 info, 2 warning, 3 error). A Helm failure prints
{"error": "..."} and exits 1.
"""
import asyncio
import json
import sys

import helm_sdkpy as helm
import yaml

SEVERITIES = {0: "unknown", 1: "info", 2: "warning", 3: "error"}


def merge(base, override):
    """Deep-merges override into base: maps key by key, anything else replaced."""
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merge(base[key], value)
        else:
            base[key] = value
    return base


async def lint(chart):
    result = await helm.Lint(helm.Configuration()).run(chart)
    messages = [{"severity": SEVERITIES.get(m.get("Severity"), str(m.get("Severity"))), "path": m.get("Path"),
                 "message": m.get("Err") if isinstance(m.get("Err"), str) else json.dumps(m.get("Err"))}
                for m in result.get("Messages") or []]
    print(json.dumps({"charts": result.get("TotalChartsLinted"), "messages": messages, "errors": result.get("Errors")}))


async def main(argv):
    if argv[0] == "lint":
        return await lint(argv[1])
    action, kubeconfig, namespace, release = argv[:4]
    flags = [a for a in argv[4:] if a.startswith("--")]
    rest = [a for a in argv[4:] if not a.startswith("--")]
    server_side = "--server-side" in flags
    timeout = next((int(f.split("=", 1)[1]) for f in flags if f.startswith("--timeout=")), 60)
    config = helm.Configuration(namespace=namespace, kubeconfig=kubeconfig)
    values = None
    for path in (f.split("=", 1)[1] for f in flags if f.startswith("--values=")):
        with open(path) as file:
            values = merge(values or {}, yaml.safe_load(file) or {})
    if len(rest) > 1:
        values = merge(values or {}, json.loads(rest[1]))
    if action == "install":
        result = await helm.Install(config).run(release, rest[0], values=values, create_namespace=True, wait=True,
                                                timeout=timeout, server_side_apply=server_side)
    elif action == "upgrade":
        result = await helm.Upgrade(config).run(release, rest[0], values=values, wait=True, timeout=timeout)
    elif action == "uninstall":
        result = (await helm.Uninstall(config).run(release, wait=True, timeout=timeout)).get("release", {})
    elif action == "status":
        result = await helm.Status(config).run(release)
    else:
        raise SystemExit(f"unknown action {action}")
    info = result.get("info", {})
    print(json.dumps({"name": result.get("name"), "version": result.get("version"),
                      "status": info.get("status"), "description": info.get("description")}))


try:
    asyncio.run(main(sys.argv[1:]))
except helm.HelmError as error:
    print(json.dumps({"error": str(error)}))
    sys.exit(1)
