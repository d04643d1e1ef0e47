"""pydantic without its plugin discovery: the one place that names a private pydantic part.

The first time a model is built, pydantic looks for plugins (the ``pydantic`` entry
points of every installed package), and imports ``importlib.metadata`` to do so, which
brings ``email``, ``zipfile`` and ``csv``: 1.1 MB of start-up memory and about 15 ms,
for plugins (tracing, instrumentation) that socialroi does not use. So pydantic's loader
is stood in for by one that finds none, as pydantic's own ``PYDANTIC_DISABLE_PLUGINS``
would. Anything else asked of the loader comes from pydantic's own module: a pydantic
release that moves things costs the saving, never a model.
"""

from __future__ import annotations

import functools
import importlib.machinery
import importlib.util
import sys
import types

LOADER = "pydantic.plugin._loader"


class _NoPlugins(types.ModuleType):
    """pydantic's plugin loader, finding no plugin; other names from the real one."""

    @staticmethod
    def get_plugins() -> tuple:
        return ()

    def __getattr__(self, name: str):
        if name.startswith("__"):  # the import system's questions: a plain module's answers
            raise AttributeError(name)
        return getattr(_real_loader(), name)


@functools.cache
def _real_loader() -> types.ModuleType:
    """pydantic's own loader module, loaded apart (not in ``sys.modules``)."""
    import pydantic.plugin

    spec = importlib.machinery.PathFinder.find_spec(LOADER, pydantic.plugin.__path__)
    if spec is None or spec.loader is None:
        raise ImportError(LOADER)
    real = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(real)
    return real


def skip_plugin_discovery() -> None:
    """Stand in for pydantic's plugin loader, unless pydantic has already loaded it."""
    sys.modules.setdefault(LOADER, _NoPlugins(LOADER))
