"""docs/architecture.md and the import-linter contract describe the same layers."""

import re
import tomllib

from django.conf import settings


def _documented_layers() -> list[str]:
    text = (settings.BASE_DIR / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    layers = []
    for line in section.splitlines():
        if re.match(r"^\d+\. ", line):
            apps = re.findall(r"`(\w+)`", line)
            layers.append(" | ".join(f"leerwerk.{app}" for app in apps))
    return layers


def _contract_layers() -> list[str]:
    config = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(
        c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == "Apps depend only on the apps below them"
    )
    return list(contract["layers"])


def test_the_documented_layers_are_the_checked_layers():
    assert _documented_layers() == _contract_layers()


def test_every_app_of_the_product_is_in_a_layer():
    apps = {app.split(".")[1] for app in settings.INSTALLED_APPS if app.startswith("leerwerk.")}
    layered = {name.strip().removeprefix("leerwerk.") for layer in _contract_layers() for name in layer.split("|")}
    assert apps == layered
