"""Who may use MAIN, and the headers every page carries.

- Browsers sign in with a username and password (`/login`); MAIN then keeps a *session token*
  (shared.accounts, expiring) in Flask's signed, HttpOnly, SameSite=Lax session cookie and forwards
  it to the SUPERVISOR as a bearer token, so the SUPERVISOR alone decides what a workspace sees.
- API clients (the CLI) send their own `Authorization: Bearer <token>` instead; no cookie, no CSRF.
- Every state-changing request made with the session cookie must carry the CSRF token (Flask-WTF:
  the login form's hidden field, or the `X-CSRFToken` header that form.js copies from the page's
  meta tag). Bearer requests are exempt: a browser never attaches that header on its own.
- Rate limits per client IP on everything but probes, and a tighter one on sign-in attempts.
- Security headers: a CSP without inline scripts, no framing, nosniff, a strict referrer policy."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_wtf.csrf import CSRFError, CSRFProtect

from shared import accounts
from shared.ratelimit import make_limiter
from shared.settings import get_settings
from shared.webauth import bearer_token, current_account

bp = Blueprint("auth", __name__)
csrf = CSRFProtect()

SESSION_KEY = "bsc_token"
# Reachable without signing in.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static", "healthz", "readyz", "metrics", "main.api_pipeline"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Scripts and styles from MAIN itself only (the Socket.IO client is vendored). Style *attributes*
# stay allowed for the server-rendered bar widths; no <style> or <script> element may be inline.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def session_token() -> str | None:
    token = session.get(SESSION_KEY)
    return token if isinstance(token, str) else None


def forwarded_token() -> str | None:
    """The token MAIN forwards to the SUPERVISOR for this request: the caller's bearer or session."""
    return bearer_token() or session_token()


def _safe_next(target: str | None) -> str:
    """Only a local path: never an open redirect to another site."""
    if not target or not target.startswith("/") or target.startswith("//") or urlsplit(target).netloc:
        return url_for("main.index")
    return target


def _gate() -> Response | None:
    account = current_account(session_token)
    if request.endpoint in PUBLIC_ENDPOINTS:
        if request.endpoint == "auth.login" and request.method == "POST":
            csrf.protect()
        return None
    if account is None:
        if request.path.startswith("/api/") or request.method not in SAFE_METHODS:
            resp = jsonify({"error": "unauthorized", "message": "sign in first", "field": "authorization"})
            resp.status_code = 401
            resp.headers["WWW-Authenticate"] = 'Bearer realm="band-stream-crew"'
            return resp
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if request.method not in SAFE_METHODS and bearer_token() is None:
        csrf.protect()
    return None


def _headers(resp: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        resp.headers.setdefault(name, value)
    if g.get("bsc_account") is not None:
        # Pages of a signed-in marketer must not be stored by shared caches or the back button.
        resp.headers.setdefault("Cache-Control", "no-store")
    return resp


def _csrf_refused(exc: CSRFError) -> Any:
    if request.endpoint == "auth.login":
        flash("Your sign-in form expired; please try again.")
        return redirect(url_for("auth.login", next=request.args.get("next")))
    return jsonify(
        {
            "error": "csrf_failed",
            "message": exc.description,
            "field": "csrf_token",
            "fields": {"csrf_token": exc.description},
        }
    ), 400


def init_app(app: Flask) -> None:
    settings = get_settings()
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)  # _gate decides (bearer requests are exempt)
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # tied to the session, which expires itself
    # Flask ships defaults for these (SameSite unset, 31-day sessions), so they are set outright.
    app.config.update(
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=settings.SESSION_COOKIE_SECURE,
        PERMANENT_SESSION_LIFETIME=accounts.SESSION_TTL_S,
    )
    app.config.setdefault("RATE_LIMIT_PER_IP", settings.RATE_LIMIT_PER_IP)
    app.config.setdefault("RATE_LIMIT_LOGIN", settings.RATE_LIMIT_LOGIN)
    csrf.init_app(app)
    # Order matters: the gate resolves the account before the limiter's before_request runs.
    app.before_request(_gate)
    limiter = make_limiter(app, default_limits=[app.config["RATE_LIMIT_PER_IP"]])
    app.after_request(_headers)
    app.register_error_handler(CSRFError, _csrf_refused)
    app.register_blueprint(bp)
    # Sign-in attempts per IP (a route limit is enforced by the wrapper the decorator returns).
    app.view_functions["auth.login"] = limiter.limit(
        app.config["RATE_LIMIT_LOGIN"], methods=["POST"], override_defaults=False, scope="login"
    )(login)
    app.jinja_env.globals["current_account"] = lambda: g.get("bsc_account")


@bp.route("/login", methods=["GET", "POST"])
def login():
    target = _safe_next(request.args.get("next"))
    if request.method == "GET":
        return render_template("login.html", title="Sign in", next=target, username="")
    username = (request.form.get("username") or "").strip().lower()
    password = request.form.get("password") or ""
    account = accounts.authenticate(username, password)
    if account is None:
        return render_template(
            "login.html", title="Sign in", next=target, username=username, error="Wrong username or password."
        ), 401
    old = session_token()
    if old:
        accounts.revoke_token(old)
    session.clear()  # a fresh session (and CSRF token) at sign-in: no session fixation
    session.permanent = True
    session[SESSION_KEY] = accounts.issue_token(account.username, kind="session")
    current_app.logger.info("signed in: %s (%s)", account.username, account.workspace)
    return redirect(target)


@bp.post("/logout")
def logout():
    token = session_token()
    if token:
        accounts.revoke_token(token)
    session.clear()
    return redirect(url_for("auth.login"))
