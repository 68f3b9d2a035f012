"""`disclosure validate | links | inspect | report | import`: the command line. Each subcommand lives in its own module."""

from __future__ import annotations

import argparse
import sys

from . import validate_cmd
from .preview import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="disclosure", description="政府信息公开栏目工具")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in _command_modules():
        module.add_parser(commands)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code else 0
    try:
        return args.run(args)
    except KeyboardInterrupt:  # Ctrl+C: a word, not a traceback
        print("已中断", file=sys.stderr)
        return 130


def _command_modules():
    modules = [validate_cmd, serve]
    try:
        from .links import cli as links_cli
        modules.append(links_cli)
    except ImportError:  # pragma: no cover - while the link checker is not installed
        pass
    from .inspect import cli as inspect_cli
    modules.append(inspect_cli)
    try:
        from .reports import cli as reports_cli
        modules.append(reports_cli)
    except ImportError:  # pragma: no cover
        pass
    from .importer import cli as import_cli
    modules.append(import_cli)
    return modules


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
