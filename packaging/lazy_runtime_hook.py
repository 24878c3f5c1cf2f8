"""Run a PyInstaller runtime hook when its package is first imported, instead of at every start.

PyInstaller's ``pyi_rth_pyside6`` imports ``PySide6.QtCore`` at start-up (to register a qt.conf), which loads Qt's
libraries: about 70 ms of CPU on every command, although only the wizard uses Qt. ``build.spec`` replaces that
hook with this file followed by ``run_on_first_import("PySide6", <the original hook's source>)``: the original
code then runs unchanged, right after ``PySide6/__init__`` and before anything else of Qt can be used (setting
``QT_PLUGIN_PATH`` and the other variables, registering qt.conf). Nothing is imported here: a runtime hook added
after PyInstaller's analysis must use only what the bootstrap already has.
"""


def run_on_first_import(package: str, hook_source: str, hook_name: str = "pyi_rth_lazy") -> None:
    """Execute ``hook_source`` once, just after ``package`` is first imported (its ``__init__`` has run)."""
    import sys

    class _Loader:
        """The package's own loader, with the hook run after the package's code."""

        def __init__(self, loader: object) -> None:
            self._loader = loader

        def create_module(self, spec: object) -> object:
            return self._loader.create_module(spec)

        def exec_module(self, module: object) -> None:
            self._loader.exec_module(module)
            exec(  # noqa: S102  (the runtime hook PyInstaller would have run at start-up)
                compile(hook_source, hook_name, "exec"), {"__name__": hook_name, "__builtins__": __builtins__}
            )

        def __getattr__(self, name: str) -> object:
            return getattr(self._loader, name)

    class _Finder:
        """Finds ``package`` with the finders after it, once, and hands back its spec with the wrapped loader."""

        def find_spec(self, name: str, path: object = None, target: object = None) -> object:
            if name != package:
                return None
            sys.meta_path.remove(self)
            for finder in sys.meta_path:
                find = getattr(finder, "find_spec", None)
                spec = find(name, path, target) if find else None
                if spec is not None:
                    if spec.loader is not None:
                        spec.loader = _Loader(spec.loader)
                    return spec
            return None

    sys.meta_path.insert(0, _Finder())
