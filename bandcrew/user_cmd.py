"""`bandcrew user ...`: the administrator's account commands, straight against the crew's Redis
(REDIS_URL; under compose: `docker compose exec supervisor bandcrew user add ...`).

  bandcrew user add NAME --workspace TEAM [--password-stdin]   create; prints the password (when
                                                               generated) and an API token, once
  bandcrew user token NAME                                     a new API token for the CLI/scripts
  bandcrew user passwd NAME [--password-stdin]                 set (or generate) a new password
  bandcrew user revoke NAME                                    sign out everywhere (every token)
  bandcrew user list                                           accounts and their workspaces
"""

from __future__ import annotations

import argparse
import sys

import redis

from shared import accounts


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    user = sub.add_parser("user", help="manage marketer accounts (admin, against REDIS_URL)")
    ops = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = ops.add_parser("add", help="create an account in a workspace")
    add.add_argument("username")
    add.add_argument("--workspace", required=True, help="the team whose campaigns the account sees")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    tok = ops.add_parser("token", help="issue a new API token")
    tok.add_argument("username")
    pw = ops.add_parser("passwd", help="set a new password (generated unless --password-stdin)")
    pw.add_argument("username")
    pw.add_argument("--password-stdin", action="store_true")
    rev = ops.add_parser("revoke", help="revoke every token of an account")
    rev.add_argument("username")
    ops.add_parser("list", help="list accounts")


def _stdin_password() -> str:
    return sys.stdin.readline().rstrip("\r\n")


def run_user(args: argparse.Namespace) -> int:
    try:
        if args.user_command == "add":
            given = _stdin_password() if args.password_stdin else None
            account, password = accounts.create_account(args.username, args.workspace, given)
            print(f"account: {account.username} (workspace {account.workspace})")
            if given is None:
                print(f"password: {password}")
            print(f"token: {accounts.issue_token(account.username)}")
        elif args.user_command == "token":
            print(accounts.issue_token(args.username))
        elif args.user_command == "passwd":
            given = _stdin_password() if args.password_stdin else None
            password = accounts.set_password(args.username, given)
            if given is None:
                print(f"password: {password}")
        elif args.user_command == "revoke":
            print(f"revoked {accounts.revoke_all(args.username)} token(s) of {args.username}")
        elif args.user_command == "list":
            for a in accounts.list_accounts():
                print(f"{a.username}\t{a.workspace}\t{a.created_at}")
    except accounts.AccountError as exc:
        print(f"bandcrew user: {exc.field}: {exc}", file=sys.stderr)
        return 2
    except redis.RedisError as exc:
        print(
            f"bandcrew user: Redis unreachable ({type(exc).__name__}); is REDIS_URL right?", file=sys.stderr
        )
        return 2
    return 0
