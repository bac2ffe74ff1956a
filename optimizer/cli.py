"""`bandcrew check-ad` and `bandcrew fix-ad`.

    bandcrew check-ad FILE|-            one request {"ad": {...}, "context": {...}} in, one result out
    bandcrew check-ad --jsonl FILE|-    one request per line in, one result per line out, in order
    bandcrew fix-ad FILE|-              {"ad", "changes", "findings", ...} out

Output is JSON on stdout. Exit status: 0 compliant, 1 not compliant (for fix-ad: a disapproved
finding is left), 2 bad input. Bad input is always reported the same way: a JSON line
{"error": "<what is wrong, naming the field>"} on stdout, and the same message on stderr. In a
batch a bad line gets its {"error": ...} line and the batch goes on; the batch exits 2 if any
line was bad, else 1 if any ad is not compliant, else 0."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from optimizer.api import BadInput, check_response, fix_response

OK, NOT_COMPLIANT, BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise BadInput(message)


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except OSError as exc:
        raise BadInput(f"{path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text") from None


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _error(message: str) -> int:
    _emit({"error": message})
    print(f"error: {message}", file=sys.stderr)
    return BAD_INPUT


def _parse_json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{where}: invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None


def _run(argv: list[str], handle: Callable[[Any], dict[str, Any]], prog: str, allow_jsonl: bool) -> int:
    parser = _Parser(prog=prog, add_help=False)
    parser.add_argument("file")
    if allow_jsonl:
        parser.add_argument("--jsonl", action="store_true")
    try:
        args = parser.parse_args(argv)
        text = _read(args.file)
    except BadInput as exc:
        return _error(str(exc))
    if getattr(args, "jsonl", False):
        return _batch(text, handle)
    try:
        result = handle(_parse_json(text, args.file))
    except BadInput as exc:
        return _error(str(exc))
    _emit(result)
    return OK if result["compliant"] else NOT_COMPLIANT


def _batch(text: str, handle: Callable[[Any], dict[str, Any]]) -> int:
    status = OK
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            result = handle(_parse_json(line, f"line {n}"))
        except BadInput as exc:
            _emit({"error": f"line {n}: {exc}" if not str(exc).startswith("line ") else str(exc)})
            print(f"error: line {n}: {exc}", file=sys.stderr)
            status = BAD_INPUT
            continue
        _emit(result)
        if not result["compliant"] and status == OK:
            status = NOT_COMPLIANT
    return status


def run_check(argv: list[str]) -> int:
    return _run(argv, check_response, "bandcrew check-ad", allow_jsonl=True)


def run_fix(argv: list[str]) -> int:
    return _run(argv, fix_response, "bandcrew fix-ad", allow_jsonl=False)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_check(sys.argv[1:]))
