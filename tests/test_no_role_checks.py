"""Who may do what is decided in portal/accounts/permissions.py, and nowhere else.

Code and templates ask `can(user, Permission.X)`. A check on a role's name (`is_staff`,
`role == "staff"`, `role in (...)`) anywhere else would quietly bypass that decision: when
co-trainers get one more power, nobody would think to look there. This test reads every
module in portal/ and every template and fails on such a check, naming the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROLES = r"(?:staff|co_trainer|member)"
ROLE_CHECKS = [
    re.compile(r"\bis_(?:staff|co_trainer|trainer|member)\b"),
    # role == x, role != x, role in (...), role.value == "staff" (but not "for role in Role")
    re.compile(r"(?<!for )\brole\b(?:\.value)?\s*(?:==|!=|\bnot\s+in\b|\bin\b)"),
    re.compile(r"\brole\.in_\("),
    re.compile(r"(?:==|!=)\s*Role\.|\bRole\.\w+\s*(?:==|!=)"),
    re.compile(r"\bin_?\(?\s*[(\[{]\s*Role\."),
    re.compile(rf"(?:==|!=)\s*[\"']{ROLES}[\"']|[\"']{ROLES}[\"']\s*(?:==|!=)"),
]
# portal/accounts/ is not scanned: it holds the roles, the model's is_staff and permissions.py,
# which turns roles into permissions. Elsewhere, each entry here is a file and what a line in
# it must match to be let through.
ALLOWED = {
    # The staff passkey rule is about staff accounts as such, not about what they may do.
    "portal/signin/services.py": re.compile(r"STAFF_REQUIRE_PASSKEY.*\buser\.is_staff\b"),
}
NOTHING = re.compile(r"(?!)")


def _scanned_files() -> list[Path]:
    modules = [
        path
        for path in (ROOT / "portal").rglob("*.py")
        if (ROOT / "portal" / "accounts") not in path.parents
    ]
    return sorted(modules + list((ROOT / "templates").rglob("*.html")))


def role_checks_in(text: str) -> list[tuple[int, str]]:
    """(line number, line) for each line of `text` that checks a role's name."""
    return [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if any(pattern.search(line) for pattern in ROLE_CHECKS)
    ]


def test_no_role_checks_outside_permissions():
    found = []
    for path in _scanned_files():
        name = path.relative_to(ROOT).as_posix()
        for number, line in role_checks_in(path.read_text(encoding="utf-8")):
            if not ALLOWED.get(name, NOTHING).search(line):
                found.append(f"{name}:{number}: {line}")
    assert not found, (
        "Ask can(user, Permission.X) from portal/accounts/permissions.py instead of checking "
        "a role (add a permission there if none fits):\n" + "\n".join(found)
    )


def test_the_scan_reads_code_and_templates():
    names = {path.relative_to(ROOT).as_posix() for path in _scanned_files()}
    assert "portal/concerns/queries.py" in names
    assert "templates/concerns/_concern_row.html" in names
    assert "portal/accounts/permissions.py" not in names


@pytest.mark.parametrize(
    "line",
    [
        "    if user.is_staff:",
        "{% if item.author_id == current_user.id or current_user.is_staff %}",
        "    if person.role == Role.STAFF:",
        "    if Role.CO_TRAINER != user.role:",
        '{% if item.author.role.value != "staff" %}',
        "    return user.role in (Role.STAFF, Role.CO_TRAINER)",
        "    if user.role not in {Role.STAFF}:",
        ".where(User.role.in_([Role.CO_TRAINER, Role.STAFF]))",
        "{% if current_user.is_co_trainer %}",
        "{% if 'co_trainer' == current_user.role.value %}",
    ],
)
def test_the_scan_finds_role_checks(line):
    assert role_checks_in(line), line


@pytest.mark.parametrize(
    "line",
    [
        "    if can(user, Permission.RUN_ANY_SESSION):",
        "    (Role.STAFF, 'jo', 'jo-is-staff-here', 'Jo Patel', 'en'),",
        '    role = PictureChoiceField(_l("What they do here"), default=Role.MEMBER.value)',
        '<p class="message" role="status">',
        "    for role in Role:",
        "{{ role_label(person.role) }}",
        "    form.role.data = person.role.value",
    ],
)
def test_the_scan_leaves_other_lines_alone(line):
    assert not role_checks_in(line), line
