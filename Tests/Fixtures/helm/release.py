"""Drives real Helm (v4's Go SDK, through the PyPI package helm-sdkpy) for kai's sandbox tests.

    release.py install|upgrade KUBECONFIG NAMESPACE RELEASE CHART [VALUES_JSON] [--server-side] [--timeout=SECONDS]
    release.py uninstall|status KUBECONFIG NAMESPACE RELEASE

Prints one JSON line: the release's name, revision, status and description. A Helm failure
prints {"error": "..."} and exits 1.
"""
import asyncio
import json
import sys

import helm_sdkpy as helm


async def main(argv):
    action, kubeconfig, namespace, release = argv[:4]
    flags = [a for a in argv[4:] if a.startswith("--")]
    rest = [a for a in argv[4:] if not a.startswith("--")]
    server_side = "--server-side" in flags
    timeout = next((int(f.split("=", 1)[1]) for f in flags if f.startswith("--timeout=")), 60)
    config = helm.Configuration(namespace=namespace, kubeconfig=kubeconfig)
    values = json.loads(rest[1]) if len(rest) > 1 else None
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
