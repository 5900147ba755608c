"""One name, one meaning: no module of the package is named like one of its
public functions, so importing a module never shadows the function."""

import importlib.util

import stances


def test_no_module_is_named_like_a_public_function():
    clashes = [name for name in stances.__all__
               if importlib.util.find_spec(f"stances.{name}") is not None]
    assert clashes == []


def test_functions_survive_importing_every_module():
    import pkgutil
    for module in pkgutil.walk_packages(stances.__path__, "stances."):
        if not module.name.startswith("stances.__"):
            importlib.import_module(module.name)
    for name in ("cite", "codebook", "diff", "load", "versions", "validate"):
        assert callable(getattr(stances, name)), name
