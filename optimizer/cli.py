"""`bandcrew check-ad` and `bandcrew fix-ad`.

    bandcrew check-ad FILE|-            one request {"ad": {...}, "context": {...}} in, one result out
    bandcrew check-ad --jsonl FILE|-    one request per line in, one result per line out, in order
        [--workers N]                   processes for a batch (default: 2 on a 2+ core machine when
                                        the batch has 2,000 lines or more, else 1)
    bandcrew fix-ad FILE|-              {"ad", "changes", "findings", ...} out

Output is JSON on stdout. Exit status: 0 compliant, 1 not compliant (for fix-ad: a disapproved
finding is left), 2 bad input. Bad input is always reported the same way: a JSON line
{"error": "<what is wrong, naming the field>"} on stdout, and the same message on stderr. In a
batch a bad line gets its {"error": ...} line and the batch goes on; the batch exits 2 if any
line was bad, else 1 if any ad is not compliant, else 0.

The batch check is the throughput path (bench/policy_checks.py): JSON through orjson, and a
request of the plain shape (strings, or {"text", "pin"} assets, string fields, a context of known
keys) goes to the engine without per-request pydantic validation; anything else, and every error,
takes the ordinary path (`optimizer.api.check_response`), which the golden test holds equal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, NamedTuple

import orjson

OK, NOT_COMPLIANT, BAD_INPUT = 0, 1, 2


class _ParseError(ValueError):
    pass


def _bad_input() -> type[ValueError]:
    from optimizer.api import BadInput

    return BadInput


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ParseError(message)


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise _ParseError(f"{path}: {exc.strerror or exc}") from None


def _dumps(obj: dict[str, Any]) -> bytes:
    return orjson.dumps(obj) + b"\n"


def _emit(obj: dict[str, Any]) -> None:
    sys.stdout.buffer.write(_dumps(obj))
    sys.stdout.flush()


def _error(message: str) -> int:
    _emit({"error": message})
    print(f"error: {message}", file=sys.stderr)
    return BAD_INPUT


def _parse_json(text: bytes | str, where: str) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise _bad_input()(
            f"{where}: invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None


def _run(
    argv: list[str], handle: Callable[[Any], dict[str, Any]] | None, prog: str, allow_jsonl: bool
) -> int:
    parser = _Parser(prog=prog, add_help=False)
    parser.add_argument("file")
    if allow_jsonl:
        parser.add_argument("--jsonl", action="store_true")
        parser.add_argument("--workers", type=int, default=None)
    try:
        args = parser.parse_args(argv)
        data = _read(args.file)
    except _ParseError as exc:
        return _error(str(exc))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _error(f"{args.file}: not UTF-8 text")
    if getattr(args, "jsonl", False):
        return _batch(text, args.workers)
    if handle is None:
        from optimizer.api import check_response as handle
    bad = _bad_input()
    try:
        result = handle(_parse_json(text, args.file))
    except bad as exc:
        return _error(str(exc))
    _emit(result)
    return OK if result["compliant"] else NOT_COMPLIANT


_AD_KEYS = frozenset({"headlines", "descriptions", "path1", "path2", "final_url"})
_LIST_KEYS = ("brand_terms", "keywords", "third_party_terms")
_CTX_KEYS = frozenset({*_LIST_KEYS, "language", "country"})


class _Asset(NamedTuple):
    """An asset of a plain request, read-only (what `shared.models.Asset` would hold)."""

    text: str
    pin: int | None = None


class _Ad(NamedTuple):
    """A plain request's ad, read-only: the fields of `shared.models.AdInput` the engine and ad
    strength read, without building the model (a tenth of the cost)."""

    headlines: list[_Asset]
    descriptions: list[_Asset]
    path1: str
    path2: str
    final_url: str


def _assets(value: Any, asset: Any) -> list[Any] | None:
    if type(value) is not list:
        return None
    out = []
    for v in value:
        if type(v) is str:
            out.append(asset(v))
        elif type(v) is dict and type(v.get("text")) is str and v.keys() <= {"text", "pin"}:
            pin = v.get("pin")
            if pin is not None and (type(pin) is not int or not 1 <= pin <= 3):
                return None
            out.append(asset(v["text"], pin))
        else:
            return None
    return out


def _plain_request(data: Any) -> tuple[Any, Any] | None:
    """(AdInput, CheckContext) for a request of the plain shape, built without validation, or None
    when anything is unusual (then the ordinary, validating path decides, errors included)."""
    from shared.policy import CheckContext

    if type(data) is not dict or "ad" not in data or not data.keys() <= {"ad", "context"}:
        return None
    ad, ctx = data["ad"], data.get("context")
    if type(ad) is not dict or not ad.keys() <= _AD_KEYS:
        return None
    heads = _assets(ad.get("headlines", []), _Asset)
    descs = _assets(ad.get("descriptions", []), _Asset)
    if heads is None or descs is None:
        return None
    fields = {k: ad.get(k, "") for k in ("path1", "path2", "final_url")}
    if any(type(v) is not str for v in fields.values()):
        return None
    if ctx is not None:
        if type(ctx) is not dict or not ctx.keys() <= _CTX_KEYS:
            return None
        for k, v in ctx.items():
            if v is None:
                continue
            if k in _LIST_KEYS:
                if type(v) is not list or any(type(x) is not str for x in v):
                    return None
            elif type(v) is not str:
                return None
    return _Ad(heads, descs, **fields), CheckContext.of(ctx)


def fast_check(data: Any) -> dict[str, Any] | None:
    """The same response as `optimizer.api.check_response`, for a plain request; None otherwise."""
    from optimizer.strength import strength_fields
    from shared.policy.registry import run_rules, sort_findings

    parsed = _plain_request(data)
    if parsed is None:
        return None
    ad, ctx = parsed
    findings = sort_findings(run_rules(ad, ctx))
    rating, score, actions = strength_fields(ad, ctx.keywords)
    return {
        "compliant": not any(f.severity == "disapproved" for f in findings),
        "findings": [
            {"policy": f.policy, "severity": f.severity, "field": f.field, "message": f.message, "fix": f.fix}
            for f in findings
        ],
        # What AdStrength(...).model_dump() gives, without the model.
        "ad_strength": {"rating": rating, "score": score, "actions": actions},
    }


def _check_lines(lines: list[tuple[int, str]]) -> tuple[bytes, list[str], int]:
    """Check numbered request lines: (JSON result lines, error messages, status)."""
    status = OK
    out: list[bytes] = []
    errors: list[str] = []
    for n, line in lines:
        # The plain request (nearly every line of a batch) never imports the validating path
        # (optimizer.api pulls in Flask and Redis): it is loaded for the first unusual line only.
        try:
            data = orjson.loads(line)
            result = fast_check(data)
        except orjson.JSONDecodeError:
            data, result = _NOT_JSON, None
        if result is None:
            bad = _bad_input()
            try:
                if data is _NOT_JSON:
                    data = _parse_json(line, f"line {n}")  # raises BadInput with the message
                from optimizer.api import check_response

                result = check_response(data)
            except bad as exc:
                out.append(
                    _dumps({"error": f"line {n}: {exc}" if not str(exc).startswith("line ") else str(exc)})
                )
                errors.append(f"error: line {n}: {exc}")
                status = BAD_INPUT
                continue
        out.append(_dumps(result))
        if not result["compliant"] and status == OK:
            status = NOT_COMPLIANT
    return b"".join(out), errors, status


_NOT_JSON = object()


CHUNK = 250  # lines per unit of work: big enough to amortise the hand-over, small enough to stream
# and to leave little for one worker to finish alone at the end
WARM = 64  # lines the parent checks before the fork, so the workers share what the engine loads
PARALLEL_FROM = 2000  # below this many lines one process is faster than starting workers


def default_workers(lines: int) -> int:
    import os

    return min(2, os.cpu_count() or 1) if lines >= PARALLEL_FROM else 1


def _batch(text: str, workers: int | None = None) -> int:
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    # A short first chunk: checked by the parent before the fork (see below), while the other core
    # waits, so it is only as long as it takes to load what the engine builds on first use.
    chunks = [numbered[:WARM]] + [numbered[i : i + CHUNK] for i in range(WARM, len(numbered), CHUNK)]
    workers = default_workers(len(numbered)) if workers is None else max(1, workers)
    status = OK
    write = sys.stdout.buffer.write

    def emit(result: tuple[bytes, list[str], int]) -> None:
        nonlocal status
        out, errors, st = result
        write(out)
        for e in errors:
            print(e, file=sys.stderr)
        status = _worse(status, st)

    # A batch allocates many small objects and frees all of them by reference count: checking a
    # plain request makes no reference cycle (tests/optimizer/test_policy_golden.py holds that),
    # so the cyclic collector's passes over the growing per-text memos are wasted work. Off for
    # the batch; it only ever ends with the process.
    import gc

    gc.disable()
    if workers > 1 and len(chunks) > 2:
        import multiprocessing

        # The first chunk is checked here, before the fork: it loads what the engine builds on
        # first use (each language's automaton and word lists, the public suffix list, character
        # classes), which the workers then share instead of each building its own. Results come
        # back in input order.
        emit(_check_lines(chunks[0]))
        sys.stdout.flush()  # before the fork: a worker flushes the streams it inherited when it ends
        sys.stderr.flush()
        gc.freeze()
        # The workers inherit the chunks with the fork: only a chunk's number crosses the pipe.
        global _CHUNKS
        _CHUNKS = chunks
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for result in pool.imap(_check_chunk, range(1, len(chunks))):
                    emit(result)
        finally:
            _CHUNKS = []
    else:
        for chunk in chunks:
            emit(_check_lines(chunk))
    sys.stdout.flush()
    return status


_CHUNKS: list[list[tuple[int, str]]] = []  # the batch being checked, for forked workers


def _check_chunk(i: int) -> tuple[bytes, list[str], int]:
    return _check_lines(_CHUNKS[i])


def _worse(a: int, b: int) -> int:
    """Exit status of a batch: 2 if any line was bad, else 1 if any ad is not compliant, else 0."""
    return max(a, b)


def run_check(argv: list[str]) -> int:
    return _run(argv, None, "bandcrew check-ad", allow_jsonl=True)


def run_fix(argv: list[str]) -> int:
    from optimizer.api import fix_response

    return _run(argv, fix_response, "bandcrew fix-ad", allow_jsonl=False)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_check(sys.argv[1:]))
